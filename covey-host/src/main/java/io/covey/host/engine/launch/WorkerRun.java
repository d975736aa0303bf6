package io.covey.host.engine.launch;

import java.time.Duration;

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
}
