package io.covey.core.event;

import java.time.Instant;

/** Data a worker published. */
public record DataEvent(long seq, Instant time, String group, String worker, int attempt, tools.jackson.databind.JsonNode data) implements CoveyEvent {
    @Override
    public EventType eventType() {
        return EventType.DATA;
    }

    @Override
    public DataEvent withSeq(long newSeq) {
        return new DataEvent(newSeq, time, group, worker, attempt, data);
    }
}
