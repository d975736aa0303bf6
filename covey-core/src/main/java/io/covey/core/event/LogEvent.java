package io.covey.core.event;

import java.time.Instant;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * A line of a worker's output; {@code stream} as in {@link io.covey.core.api.LogLine}.
 *
 * @param continued whether the line goes on in the next log event of this worker and stream: a
 *                  line longer than 16 KiB is cut into pieces, each but the last {@code continued}
 *                  (on the wire only when true)
 */
public record LogEvent(long seq, Instant time, String group, String worker, int attempt, String stream, String line,
                       @JsonInclude(JsonInclude.Include.NON_DEFAULT) boolean continued) implements CoveyEvent {

    public LogEvent(long seq, Instant time, String group, String worker, int attempt, String stream, String line) {
        this(seq, time, group, worker, attempt, stream, line, false);
    }

    /** From JSON: {@code continued} is written only when true, and events of older hosts have none. */
    @JsonCreator
    static LogEvent fromJson(@JsonProperty("seq") long seq, @JsonProperty("time") Instant time,
                             @JsonProperty("group") String group, @JsonProperty("worker") String worker,
                             @JsonProperty("attempt") int attempt, @JsonProperty("stream") String stream,
                             @JsonProperty("line") String line, @JsonProperty("continued") Boolean continued) {
        return new LogEvent(seq, time, group, worker, attempt, stream, line, Boolean.TRUE.equals(continued));
    }

    @Override
    public EventType eventType() {
        return EventType.LOG;
    }

    @Override
    public LogEvent withSeq(long newSeq) {
        return new LogEvent(newSeq, time, group, worker, attempt, stream, line, continued);
    }
}
