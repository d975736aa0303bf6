package io.covey.engine.launch;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;

import io.covey.core.worker.WorkerHealth;
import io.covey.core.worker.WorkerInput;

/** A handle on one launched attempt. */
public interface WorkerRun {
    /** The child's process id, or null for an in-process worker or a child not spawned yet. */
    Long pid();

    /**
     * Begins the stop ladder and returns at once: ask the worker to stop, and force it after
     * {@code timeout}. The end is reported through {@link RunCallbacks#exited(RunExit)}, with
     * {@code forced} set when forcing was needed.
     */
    void stop(Duration timeout);

    /** Ends the attempt now (a start timeout, an unresponsive child); the exit carries {@code reason}. */
    void kill(String reason);

    /**
     * Hands one input to the worker and returns at once: the worker's {@code onInput} receives the
     * inputs of this run one at a time, in the order of these calls, and each one is followed by
     * {@link RunCallbacks#inputHandled()}. The engine bounds how many are outstanding. The default,
     * for runtimes that cannot deliver input, refuses.
     */
    default void deliver(WorkerInput input) {
        throw new UnsupportedOperationException("this runtime cannot deliver input to its worker");
    }

    /**
     * Asks the worker's {@code checkHealth()} and returns at once; the answer completes the
     * future, on any thread. Never blocks the caller. The caller enforces the timeout (by
     * completing the future itself), so an implementation need not, and must tolerate that.
     * The default, for runtimes that cannot ask, answers healthy.
     */
    default CompletableFuture<WorkerHealth> checkHealth() {
        return CompletableFuture.completedFuture(WorkerHealth.ok("this runtime cannot check health"));
    }
}
