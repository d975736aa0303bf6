package io.covey.core.event;

/** A live subscription; closing it stops delivery. */
public interface Subscription extends AutoCloseable {
    /** The seq of the last event delivered to the listener (or skipped by its filter), 0 before the first. */
    long lastSeq();

    boolean isClosed();

    @Override
    void close();
}
