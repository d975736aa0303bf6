package io.covey.engine;

import java.time.Duration;

/** Runs a task after a delay; the engine's only source of timers, so tests can drive time. */
public interface Scheduler {
    Cancellable schedule(Duration delay, Runnable task);

    interface Cancellable {
        void cancel();
    }
}
