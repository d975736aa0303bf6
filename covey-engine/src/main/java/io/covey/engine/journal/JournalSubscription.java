package io.covey.engine.journal;

import java.time.Clock;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;

import io.covey.core.event.CoveyEvent;
import io.covey.core.event.EventFilter;
import io.covey.core.event.EventListener;
import io.covey.core.event.GapEvent;
import io.covey.core.event.Subscription;

/**
 * One subscriber's cursor into the journal. Delivery runs on a pool thread only while there is
 * something to deliver; a listener that blocks holds that one thread and nobody else's.
 */
final class JournalSubscription implements Subscription, Runnable {
    private static final System.Logger LOG = System.getLogger(JournalSubscription.class.getName());
    private static final int BATCH = 512;

    private final EventJournal journal;
    private final EventFilter filter;
    private final EventListener listener;
    private final Executor executor;
    private final Clock clock;
    private final AtomicBoolean scheduled = new AtomicBoolean();
    private volatile boolean closed;
    private volatile long cursor;

    JournalSubscription(EventJournal journal, long cursor, EventFilter filter, EventListener listener, Executor executor, Clock clock) {
        this.journal = journal;
        this.cursor = cursor;
        this.filter = filter;
        this.listener = listener;
        this.executor = executor;
        this.clock = clock;
    }

    void wake() {
        if (!closed && scheduled.compareAndSet(false, true)) {
            try {
                executor.execute(this);
            } catch (RejectedExecutionException e) {
                closed = true;
            }
        }
    }

    @Override
    public void run() {
        while (!closed) {
            EventJournal.Batch batch = journal.readAfter(cursor, BATCH);
            if (batch.isGap()) {
                deliver(new GapEvent(batch.gapTo(), clock.instant(), batch.gapFrom(), batch.gapTo()));
                cursor = batch.gapTo();
                continue;
            }
            if (batch.events().isEmpty()) {
                scheduled.set(false);
                // An append may have slipped in between the read and the flag reset.
                if (journal.lastSeq() > cursor && !closed && scheduled.compareAndSet(false, true)) {
                    continue;
                }
                return;
            }
            for (CoveyEvent event : batch.events()) {
                if (closed) {
                    return;
                }
                if (filter.matches(event)) {
                    deliver(event);
                }
                cursor = event.seq();
            }
        }
    }

    private void deliver(CoveyEvent event) {
        try {
            listener.onEvent(event);
        } catch (RuntimeException | Error e) {
            // A listener's bug must not end its subscription or reach the engine.
            LOG.log(System.Logger.Level.WARNING, "event listener failed on event " + event.seq(), e);
        }
    }

    @Override
    public long lastSeq() {
        return cursor;
    }

    @Override
    public boolean isClosed() {
        return closed;
    }

    @Override
    public void close() {
        closed = true;
        journal.forget(this);
    }
}
