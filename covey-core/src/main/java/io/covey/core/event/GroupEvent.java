package io.covey.core.event;

import java.time.Instant;
import java.util.List;

/**
 * A group's declaration changed.
 *
 * @param change {@code declared}, {@code workers-added}, {@code workers-removed}, {@code stopped} or {@code nuked}
 */
public record GroupEvent(long seq, Instant time, String group, String change, List<String> started, List<String> stopped)
        implements CoveyEvent {

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
        return new GroupEvent(newSeq, time, group, change, started, stopped);
    }
}
