package io.covey.core.event;

import java.time.Instant;

import com.fasterxml.jackson.annotation.JsonInclude;

import io.covey.core.lifecycle.CrashReason;
import io.covey.core.lifecycle.WorkerState;

/**
 * A worker changed state (or reported a new message in the same state).
 *
 * @param workerType  the worker's type, or null when the publisher did not say (events of older hosts)
 * @param crashReason why a CRASHED attempt crashed; null in every other state
 */
public record LifecycleEvent(long seq, Instant time, String group, String worker, int attempt, WorkerState state,
                             String message, boolean forced,
                             @JsonInclude(JsonInclude.Include.NON_NULL) String workerType,
                             @JsonInclude(JsonInclude.Include.NON_NULL) CrashReason crashReason) implements CoveyEvent {

    public LifecycleEvent(long seq, Instant time, String group, String worker, int attempt, WorkerState state,
                          String message, boolean forced) {
        this(seq, time, group, worker, attempt, state, message, forced, null, null);
    }

    @Override
    public EventType eventType() {
        return EventType.LIFECYCLE;
    }

    @Override
    public LifecycleEvent withSeq(long newSeq) {
        return new LifecycleEvent(newSeq, time, group, worker, attempt, state, message, forced, workerType, crashReason);
    }
}
