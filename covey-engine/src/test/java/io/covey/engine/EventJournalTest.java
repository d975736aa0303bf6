package io.covey.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.stream.LongStream;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import io.covey.core.event.CoveyEvent;
import io.covey.core.event.EventFilter;
import io.covey.core.event.GapEvent;
import io.covey.core.event.LogEvent;
import io.covey.core.event.Subscription;
import io.covey.engine.journal.EventJournal;

class EventJournalTest {
    private final EventJournal journal = new EventJournal(100, Clock.systemUTC());

    @AfterEach
    void close() {
        journal.close();
    }

    private void append(int count) {
        for (int i = 0; i < count; i++) {
            journal.append(new LogEvent(0, Instant.now(), "g", "w", 1, "stdout", "line"));
        }
    }

    @Test
    void seqIncreasesByOnePerEvent() {
        append(3);
        assertThat(journal.lastSeq()).isEqualTo(3);
        assertThat(journal.append(new LogEvent(0, Instant.now(), "g", "w", 1, "stdout", "x")).seq()).isEqualTo(4);
    }

    @Test
    void aJournalWithABaseContinuesTheNumberingAndAnnouncesSeqsBeforeItAsAGap() {
        EventJournal continued = new EventJournal(100, Clock.systemUTC(), 500);
        assertThat(continued.lastSeq()).isEqualTo(500);
        assertThat(continued.oldestRetainedSeq()).isEqualTo(501);
        RecordingListener resumed = new RecordingListener();
        continued.subscribe(480, EventFilter.ALL, resumed);
        continued.append(new LogEvent(0, Instant.now(), "g", "w", 1, "stdout", "x"));
        await().until(() -> resumed.events().size() == 2);
        assertThat(resumed.events().get(0)).isInstanceOfSatisfying(GapEvent.class, gap -> {
            assertThat(gap.fromSeq()).isEqualTo(481);
            assertThat(gap.toSeq()).isEqualTo(500);
        });
        assertThat(resumed.events().get(1).seq()).isEqualTo(501);

        // Since 0, "I have seen nothing", is from this journal's first event: nothing to announce.
        RecordingListener fresh = new RecordingListener();
        continued.subscribe(0, EventFilter.ALL, fresh);
        await().until(() -> fresh.events().size() == 1);
        assertThat(fresh.events().get(0).seq()).isEqualTo(501);
        continued.close();
    }

    @Test
    void aSubscriberSinceNGetsExactlyTheEventsAfterNInOrderThenLiveOnes() {
        append(50);
        RecordingListener listener = new RecordingListener();
        journal.subscribe(20, EventFilter.ALL, listener);
        await().until(() -> listener.events().size() == 30);
        append(10);
        await().until(() -> listener.events().size() == 40);
        assertThat(listener.seqs()).isEqualTo(LongStream.rangeClosed(21, 60).boxed().toList());
    }

    @Test
    void aSubscriberAskingForEvictedEventsGetsAGapFirst() {
        append(250);
        RecordingListener listener = new RecordingListener();
        journal.subscribe(10, EventFilter.ALL, listener);
        await().until(() -> listener.events().size() == 101);
        CoveyEvent first = listener.events().get(0);
        assertThat(first).isInstanceOfSatisfying(GapEvent.class, gap -> {
            assertThat(gap.fromSeq()).isEqualTo(11);
            assertThat(gap.toSeq()).isEqualTo(150);
        });
        assertThat(listener.seqs().subList(1, 101)).isEqualTo(LongStream.rangeClosed(151, 250).boxed().toList());
    }

    @Test
    void aBlockingListenerDelaysNeitherOtherSubscribersNorThePublisher() throws Exception {
        EventJournal journal = new EventJournal(10_000, Clock.systemUTC());
        CountDownLatch unblock = new CountDownLatch(1);
        Subscription blocked = journal.subscribe(-1, EventFilter.ALL, event -> {
            try {
                unblock.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        RecordingListener fast = new RecordingListener();
        journal.subscribe(-1, EventFilter.ALL, fast);

        for (int i = 0; i < 1_000; i++) {
            journal.append(new LogEvent(0, Instant.now(), "g", "w", 1, "stdout", "line"));
        }
        await().until(() -> fast.events().size() == 1_000);
        assertThat(blocked.lastSeq()).isZero();

        unblock.countDown();
        await().until(() -> blocked.lastSeq() == 1_000);
        journal.close();
    }

    @Test
    void aBlockedListenerLappedByThePublisherGetsAGapOnceItWakes() {
        CountDownLatch unblock = new CountDownLatch(1);
        RecordingListener seen = new RecordingListener();
        journal.subscribe(-1, EventFilter.ALL, event -> {
            seen.onEvent(event);
            try {
                unblock.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        append(1_000);
        unblock.countDown();
        await().until(() -> !seen.events().isEmpty() && seen.events().get(seen.events().size() - 1).seq() == 1000);
        // Every seq from 1 to 1000 is accounted for exactly once, in order: delivered, or inside a gap.
        List<CoveyEvent> events = seen.events();
        long expected = 1;
        int gaps = 0;
        for (CoveyEvent event : events) {
            if (event instanceof GapEvent gap) {
                assertThat(gap.fromSeq()).isEqualTo(expected);
                expected = gap.toSeq() + 1;
                gaps++;
            } else {
                assertThat(event.seq()).isEqualTo(expected);
                expected++;
            }
        }
        assertThat(expected).isEqualTo(1001);
        assertThat(gaps).isPositive();
        assertThat(events.subList(events.size() - 100, events.size())).extracting(CoveyEvent::seq)
                .isEqualTo(LongStream.rangeClosed(901, 1000).boxed().toList());
    }

    @Test
    void aBlockingListenerOnTheManagerDoesNotDelayTheEngine() {
        CountDownLatch unblock = new CountDownLatch(1);
        try (CoveyManager manager = TestManagers.inProcess()) {
            manager.subscribe(EventFilter.ALL, event -> {
                try {
                    unblock.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            });
            RecordingListener other = new RecordingListener();
            manager.subscribe(EventFilter.ALL, other);
            manager.runGroup("g", List.of(new io.covey.engine.testworkers.CountdownJob(
                    new io.covey.engine.testworkers.CountdownJob.Params(3)).setOptions(TestManagers.IN_PROCESS)));
            String id = manager.group("g").workers().get(0).id();
            await().until(() -> manager.worker(id).state() == io.covey.core.lifecycle.WorkerState.COMPLETED);
            await().until(() -> other.states(id).contains(io.covey.core.lifecycle.WorkerState.COMPLETED));
            unblock.countDown();
        }
    }

    @Test
    void aListenerThatThrowsKeepsItsSubscription() {
        RecordingListener seen = new RecordingListener();
        journal.subscribe(-1, EventFilter.ALL, event -> {
            seen.onEvent(event);
            throw new IllegalStateException("listener bug");
        });
        append(5);
        await().until(() -> seen.events().size() == 5);
    }
}
