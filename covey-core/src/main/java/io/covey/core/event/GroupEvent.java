package io.covey.core.event;

import java.time.Instant;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * A group's declaration changed.
 *
 * @param change  {@code declared}, {@code workers-added}, {@code workers-removed}, {@code stopped}, {@code nuked},
 *                {@code scaled}, or {@code rolling} (a rolling update moved on: {@code message} says where it stands)
 * @param message for a person, or null: where a rolling update stands
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record GroupEvent(long seq, Instant time, String group, String change, List<String> started, List<String> stopped,
                         String message) implements CoveyEvent {

    public GroupEvent(long seq, Instant time, String group, String change, List<String> started, List<String> stopped) {
        this(seq, time, group, change, started, stopped, null);
    }

    public GroupEvent {
        started = started == null ? List.of() : List.copyOf(started);
        stopped = stopped == null ? List.of() : List.copyOf(stopped);
    }

    @Override
    public String worker() {
        return null;
    }

    @Override
    public EventType eventType() {
        return EventType.GROUP;
    }

    @Override
    public GroupEvent withSeq(long newSeq) {
        return new GroupEvent(newSeq, time, group, change, started, stopped, message);
    }
}
