package io.covey.core.event;

import java.time.Instant;

/** A line of a worker's output; {@code stream} as in {@link io.covey.core.api.LogLine}. */
public record LogEvent(long seq, Instant time, String group, String worker, int attempt, String stream, String line) implements CoveyEvent {
    @Override
    public EventType eventType() {
        return EventType.LOG;
    }

    @Override
    public LogEvent withSeq(long newSeq) {
        return new LogEvent(newSeq, time, group, worker, attempt, stream, line);
    }
}
