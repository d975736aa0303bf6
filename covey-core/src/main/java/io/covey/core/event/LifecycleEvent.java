package io.covey.core.event;

import java.time.Instant;

/** A worker changed state (or reported a new message in the same state). */
public record LifecycleEvent(long seq, Instant time, String group, String worker, int attempt, io.covey.core.lifecycle.WorkerState state, String message, boolean forced) implements CoveyEvent {
    @Override
    public EventType eventType() {
        return EventType.LIFECYCLE;
    }

    @Override
    public LifecycleEvent withSeq(long newSeq) {
        return new LifecycleEvent(newSeq, time, group, worker, attempt, state, message, forced);
    }
}
