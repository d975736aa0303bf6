package io.covey.core.event;

import java.time.Instant;

/** The outcome of a worker's health check. */
public record HealthEvent(long seq, Instant time, String group, String worker, int attempt, boolean healthy, String message) implements CoveyEvent {
    @Override
    public EventType eventType() {
        return EventType.HEALTH;
    }

    @Override
    public HealthEvent withSeq(long newSeq) {
        return new HealthEvent(newSeq, time, group, worker, attempt, healthy, message);
    }
}
