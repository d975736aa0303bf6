package io.covey.engine.journal;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import io.covey.core.event.CoveyEvent;
import io.covey.core.event.EventFilter;
import io.covey.core.event.EventListener;
import io.covey.core.event.Subscription;
import io.covey.engine.NamedThreadFactory;

/**
 * Every event, numbered: {@code seq} increases by one per event. The last {@code capacity}
 * events are retained in a ring, at most {@code maxBytes} of them (each event's size estimated
 * once, as it is appended: {@link EventSize}), and each subscription reads from it with a cursor of its own.
 * So a slow subscriber only falls behind (and, once its cursor is evicted, is told so with a
 * {@code gap} event): it never blocks the publisher, other subscribers, or grows memory.
 */
public final class EventJournal implements AutoCloseable {
    private final CoveyEvent[] ring;
    private final long[] sizes;
    private final long maxBytes;
    private long bytes;
    /** The oldest seq retained: the count and the byte bound both move it on. */
    private long oldestSeq;
    private final Clock clock;
    private final Set<JournalSubscription> subscriptions = ConcurrentHashMap.newKeySet();
    private final ExecutorService delivery = Executors.newCachedThreadPool(new NamedThreadFactory("covey-events"));
    /** The seq before this journal's first event: 0, or the last seq of a previous host run. */
    private final long baseSeq;
    private long lastSeq;

    public EventJournal(int capacity, Clock clock) {
        this(capacity, clock, 0);
    }

    /**
     * A journal whose first event gets {@code baseSeq + 1}: a restarted host continues the
     * numbering of the previous run, so a client resuming with {@code since=} neither receives a
     * reused seq nor skips new events; seqs it missed in between arrive as a {@code gap}.
     */
    public EventJournal(int capacity, Clock clock, long baseSeq) {
        this(capacity, Long.MAX_VALUE, clock, baseSeq);
    }

    /** @param maxBytes the most the retained events may take; the newest event is retained whatever its size */
    public EventJournal(int capacity, long maxBytes, Clock clock, long baseSeq) {
        if (maxBytes < 1) {
            throw new IllegalArgumentException("the journal must retain at least one byte, was " + maxBytes);
        }
        if (baseSeq < 0) {
            throw new IllegalArgumentException("the base seq must not be negative, was " + baseSeq);
        }
        if (capacity < 1) {
            throw new IllegalArgumentException("the journal must retain at least one event, was " + capacity);
        }
        this.ring = new CoveyEvent[capacity];
        this.sizes = new long[capacity];
        this.maxBytes = maxBytes;
        this.clock = clock;
        this.baseSeq = baseSeq;
        this.lastSeq = baseSeq;
        this.oldestSeq = baseSeq + 1;
    }

    /** Numbers the event, retains it, wakes the subscribers, and returns it with its {@code seq}. Thread-safe. */
    public CoveyEvent append(CoveyEvent event) {
        long size = EventSize.of(event);
        CoveyEvent numbered;
        synchronized (this) {
            numbered = event.withSeq(++lastSeq);
            int index = (int) (lastSeq % ring.length);
            if (lastSeq - ring.length >= oldestSeq) {
                evictOldest(); // the one this event takes the place of
            }
            ring[index] = numbered;
            sizes[index] = size;
            bytes += size;
            while (bytes > maxBytes && oldestSeq < lastSeq) {
                evictOldest();
            }
        }
        for (JournalSubscription subscription : subscriptions) {
            subscription.wake();
        }
        return numbered;
    }

    public synchronized long lastSeq() {
        return lastSeq;
    }

    /** The oldest seq still retained (the first one while nothing was evicted). */
    public synchronized long oldestRetainedSeq() {
        return oldest();
    }

    private long oldest() {
        return oldestSeq;
    }

    private void evictOldest() {
        int index = (int) (oldestSeq % ring.length);
        bytes -= sizes[index];
        sizes[index] = 0;
        ring[index] = null;
        oldestSeq++;
    }

    /** About how much the retained events take (see {@link EventSize}). */
    public synchronized long retainedBytes() {
        return bytes;
    }

    public int capacity() {
        return ring.length;
    }

    /** Events after {@code cursor}, at most {@code max}; or a gap when {@code cursor} was evicted. */
    synchronized Batch readAfter(long cursor, int max) {
        long oldest = oldest();
        if (cursor + 1 < oldest) {
            return new Batch(List.of(), cursor + 1, oldest - 1);
        }
        long last = Math.min(lastSeq, cursor + max);
        List<CoveyEvent> events = new ArrayList<>((int) Math.max(0, last - cursor));
        for (long seq = cursor + 1; seq <= last; seq++) {
            events.add(ring[(int) (seq % ring.length)]);
        }
        return new Batch(events, 0, 0);
    }

    /**
     * Delivers retained events after {@code sinceSeq}, then live ones. A negative {@code sinceSeq}
     * means live events only; one beyond the last seq is treated as "from now on"; 0 means from
     * this journal's first event (a client that has seen nothing missed nothing of earlier runs).
     * Any other seq before this journal's first, one a client saw in an earlier run of the host,
     * gets a gap for what it cannot have.
     */
    public Subscription subscribe(long sinceSeq, EventFilter filter, EventListener listener) {
        JournalSubscription subscription;
        synchronized (this) {
            long cursor = sinceSeq < 0 ? lastSeq : sinceSeq == 0 ? baseSeq : Math.min(sinceSeq, lastSeq);
            subscription = new JournalSubscription(this, cursor, filter == null ? EventFilter.ALL : filter, listener, delivery, clock);
            subscriptions.add(subscription);
        }
        subscription.wake();
        return subscription;
    }

    public int subscriberCount() {
        return subscriptions.size();
    }

    void forget(JournalSubscription subscription) {
        subscriptions.remove(subscription);
    }

    @Override
    public void close() {
        // Let subscribers receive what was already published (the last STOPPED events, typically).
        delivery.shutdown();
        try {
            if (!delivery.awaitTermination(2, java.util.concurrent.TimeUnit.SECONDS)) {
                delivery.shutdownNow();
            }
        } catch (InterruptedException e) {
            delivery.shutdownNow();
            Thread.currentThread().interrupt();
        }
        subscriptions.forEach(JournalSubscription::close);
    }

    /** A read: events, or (when {@code events} is empty and {@code gapTo > 0}) the seqs that were lost. */
    record Batch(List<CoveyEvent> events, long gapFrom, long gapTo) {
        boolean isGap() {
            return gapTo > 0;
        }
    }
}
