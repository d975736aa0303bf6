package io.covey.bench.engine;

import java.time.Duration;
import java.util.concurrent.TimeoutException;

import io.covey.core.event.CoveyEvent;
import io.covey.core.event.EventListener;
import io.covey.core.event.LifecycleEvent;
import io.covey.core.lifecycle.WorkerState;

/**
 * Counts lifecycle events reaching one state, and notes when the count reached a mark. Reading
 * the events is how a user sees workers come up; polling status snapshots would cost the engine.
 */
public final class StateCounter implements EventListener {
    private final WorkerState state;
    private long count;
    private long lastNanos;

    public StateCounter(WorkerState state) {
        this.state = state;
    }

    @Override
    public synchronized void onEvent(CoveyEvent event) {
        if (event instanceof LifecycleEvent lifecycle && lifecycle.state() == state) {
            count++;
            lastNanos = System.nanoTime();
            notifyAll();
        }
    }

    public synchronized long count() {
        return count;
    }

    /** Waits until {@code mark} events were counted; returns when the last of them arrived. */
    public synchronized long awaitCount(long mark, Duration timeout) throws InterruptedException, TimeoutException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (count < mark) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                throw new TimeoutException(count + " of " + mark + " " + state + " events within " + timeout);
            }
            wait(Math.max(1, left / 1_000_000));
        }
        return lastNanos;
    }
}
