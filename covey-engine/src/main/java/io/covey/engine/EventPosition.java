package io.covey.engine;

/**
 * Where the event journal stands.
 *
 * @param lastSeq           the seq of the newest event (the run's base before its first event)
 * @param oldestRetainedSeq the oldest seq a {@code since=} subscription can still replay
 */
public record EventPosition(long lastSeq, long oldestRetainedSeq) {
}
