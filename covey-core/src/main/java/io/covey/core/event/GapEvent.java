package io.covey.core.event;

import java.time.Instant;

/**
 * Events a subscriber asked for are no longer retained: those from {@code fromSeq} to
 * {@code toSeq} are lost to it, and it should re-read state. {@code seq} equals {@code toSeq},
 * so resuming after this event continues with the oldest retained one.
 */
public record GapEvent(long seq, Instant time, long fromSeq, long toSeq) implements CoveyEvent {
    @Override
    public String group() {
        return null;
    }

    @Override
    public String worker() {
        return null;
    }

    @Override
    public EventType eventType() {
        return EventType.GAP;
    }

    @Override
    public GapEvent withSeq(long newSeq) {
        return new GapEvent(newSeq, time, fromSeq, toSeq);
    }
}
