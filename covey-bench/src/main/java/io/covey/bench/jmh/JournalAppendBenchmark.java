package io.covey.bench.jmh;

import java.time.Clock;
import java.time.Instant;
import java.util.concurrent.TimeUnit;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

import io.covey.core.event.LogEvent;
import io.covey.core.event.Subscription;
import io.covey.engine.journal.EventJournal;

/**
 * {@link EventJournal#append}: number, retain in the ring, wake subscribers. The event object
 * is made once: what is measured is the journal, not the allocation of the caller's event.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class JournalAppendBenchmark {
    /** With one live subscriber the append also wakes it (and it competes for the lock). */
    @Param({"0", "1"})
    public int subscribers;

    private EventJournal journal;
    private LogEvent event;
    private Subscription[] subscriptions;

    @Setup(Level.Trial)
    public void setUp() {
        journal = new EventJournal(10_000, Clock.systemUTC());
        event = new LogEvent(0, Instant.now(), "bench", "worker", 1, "worker", "a log line of a typical length, say sixty chars");
        subscriptions = new Subscription[subscribers];
        for (int i = 0; i < subscribers; i++) {
            subscriptions[i] = journal.subscribe(-1, null, e -> { });
        }
    }

    @Benchmark
    public Object append() {
        return journal.append(event);
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        for (Subscription subscription : subscriptions) {
            subscription.close();
        }
        journal.close();
    }
}
