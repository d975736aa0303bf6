package io.covey.core.worker;

import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;

/**
 * The rules of one attempt of a worker in the JVM that runs it, the same for the host's
 * in-process workers and for a foreign worker's child JVM: the worker is built and run on one
 * thread ({@link #run}); a stop calls {@code stopWorker()} on another ({@link #stop}), then
 * interrupts {@code runWorker()} if it has not returned. The attempt ends when {@code runWorker()}
 * throws; when the worker cannot be built; or, after a stop was asked, when both
 * {@code stopWorker()} and {@code runWorker()} have returned. An exception out of
 * {@code runWorker()} after a stop was asked is the usual way a blocked call gives up (a closed
 * socket, an interrupt), so it is noted rather than counted as a crash; {@code stopWorker()}
 * throwing is a crash. The worker's own status calls (completed, crashed, stopped) end it too,
 * through the reporter, which is the runtime's.
 */
public final class WorkerAttempt {
    /** What the runtime around the attempt does for it. */
    public interface Outcome {
        /** The attempt is over: {@code failure} says why it failed, null for a normal end. The runtime reports it once. */
        void end(String failure);

        /** A line from Covey (not the worker) for the worker's log. */
        void note(String line);

        /** {@code stopWorker()} returned while {@code runWorker()} still runs: interrupt the thread that runs it. */
        void interruptRun();
    }

    /** Builds the worker; whatever it throws ends the attempt. */
    @FunctionalInterface
    public interface Factory {
        CoveyWorker<?> create() throws Throwable;
    }

    private final Outcome outcome;
    private final AtomicBoolean stopAsked = new AtomicBoolean();
    private volatile CoveyWorker<?> worker;
    private volatile boolean runReturned;
    private volatile boolean stopReturned;

    public WorkerAttempt(Outcome outcome) {
        this.outcome = outcome;
    }

    /** The worker once built, else null. */
    public CoveyWorker<?> worker() {
        return worker;
    }

    public boolean stopAsked() {
        return stopAsked.get();
    }

    /**
     * On the thread that is to run the worker: builds it, attaches {@code reporter}, runs it.
     *
     * @param creationFailure what to say when {@code factory} throws
     */
    public void run(Factory factory, Function<Throwable, String> creationFailure, WorkerReporter reporter) {
        CoveyWorker<?> instance;
        try {
            instance = factory.create();
        } catch (Throwable t) {
            outcome.end(creationFailure.apply(t));
            return;
        }
        instance.attachReporter(reporter);
        worker = instance;
        if (stopAsked.get()) {
            runReturned = true;
            maybeEndAfterStop();
            return;
        }
        try {
            instance.runWorker();
        } catch (Throwable t) {
            if (!stopAsked.get()) {
                outcome.end("runWorker() threw " + describe(t));
                return;
            }
            outcome.note("runWorker() ended with " + describe(t) + " while stopping");
        }
        runReturned = true;
        maybeEndAfterStop();
    }

    /** Records that a stop was asked; false if it was asked before (then there is nothing more to do). */
    public boolean askStop() {
        return stopAsked.compareAndSet(false, true);
    }

    /** After {@link #askStop()}, on a thread of the runtime's: {@code stopWorker()}, then the interrupt if needed. */
    public void stop() {
        CoveyWorker<?> instance = worker;
        if (instance != null) {
            try {
                instance.stopWorker();
            } catch (Throwable t) {
                outcome.end("stopWorker() threw " + describe(t));
                return;
            }
        }
        stopReturned = true;
        if (!runReturned && instance != null) {
            outcome.interruptRun();
        }
        maybeEndAfterStop();
    }

    private void maybeEndAfterStop() {
        if (stopAsked.get() && runReturned && (stopReturned || worker == null)) {
            outcome.end(null);
        }
    }

    /** The class and message of a throwable, as the attempt's reasons name it. */
    public static String describe(Throwable t) {
        String message = t.getMessage();
        return t.getClass().getName() + (message == null ? "" : ": " + message);
    }
}
