package io.covey.core.event;

import java.time.Instant;

/** The result of a completed worker. */
public record ResultEvent(long seq, Instant time, String group, String worker, int attempt, tools.jackson.databind.JsonNode result) implements CoveyEvent {
    @Override
    public EventType eventType() {
        return EventType.RESULT;
    }

    @Override
    public ResultEvent withSeq(long newSeq) {
        return new ResultEvent(newSeq, time, group, worker, attempt, result);
    }
}
