package io.covey.host.metrics;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

import io.covey.core.event.EventFilter;
import io.covey.core.event.EventType;
import io.covey.core.event.LifecycleEvent;
import io.covey.core.event.Subscription;
import io.covey.core.lifecycle.WorkerState;
import io.covey.engine.CoveyManager;
import io.covey.engine.foreign.WarmPoolStats;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.binder.MeterBinder;

/**
 * Covey's meters, derived from the lifecycle events (so the engine knows nothing of metrics):
 * workers by state, starts, crashes, restarts, spawn-to-running time, events published and
 * subscribers; and the foreign launcher's warm pool (children waiting and starting, starts that took
 * a waiting child or found none, children replaced after the idle limit).
 */
public final class CoveyMetrics implements MeterBinder, AutoCloseable {
    private final CoveyManager manager;
    private final Map<String, LifecycleEvent> startingEvents = new ConcurrentHashMap<>();
    private final java.util.Set<String> droppedMeters = ConcurrentHashMap.newKeySet();
    private volatile StateCounts stateCounts = new StateCounts(Map.of(), 0);
    private volatile UsageTotals usageTotals = new UsageTotals(Map.of(), 0);
    /** The group/type pairs that have usage gauges already. */
    private final java.util.Set<Tags> usageGauges = ConcurrentHashMap.newKeySet();
    private final Supplier<WarmPoolStats> warmPool;
    private Subscription subscription;

    public CoveyMetrics(CoveyManager manager) {
        this(manager, () -> WarmPoolStats.OFF);
    }

    /** @param warmPool reads the warm pool's counts (a snapshot of atomics: no probing) */
    public CoveyMetrics(CoveyManager manager, Supplier<WarmPoolStats> warmPool) {
        this.manager = manager;
        this.warmPool = warmPool;
    }

    @Override
    public void bindTo(MeterRegistry registry) {
        for (WorkerState state : WorkerState.values()) {
            Gauge.builder("covey.workers", this, metrics -> metrics.countIn(state))
                    .tag("state", state.name()).description("Workers in each state").register(registry);
        }
        long publishedBefore = manager.journal().lastSeq();
        FunctionCounter.builder("covey.events.published", manager.journal(), journal -> journal.lastSeq() - publishedBefore)
                .description("Events published since the host started (seqs run on across restarts; this counts)")
                .register(registry);
        Gauge.builder("covey.events.subscribers", manager.journal(), journal -> journal.subscriberCount())
                .description("Event subscribers, WebSocket sessions included").register(registry);
        Gauge.builder("covey.worker.threads.left", manager,
                        m -> m.threadsLeftRunning().values().stream().mapToInt(Integer::intValue).sum())
                .description("Threads in-process workers started and left running after they ended").register(registry);

        Gauge.builder("covey.warmpool.children", warmPool, pool -> pool.get().waiting()).tag("state", "waiting")
                .description("Warm child JVMs waiting for a foreign worker (never workers themselves)").register(registry);
        Gauge.builder("covey.warmpool.children", warmPool, pool -> pool.get().starting()).tag("state", "starting")
                .description("Warm child JVMs started but not ready yet").register(registry);
        FunctionCounter.builder("covey.warmpool.takes", warmPool, pool -> pool.get().hits()).tag("result", "warm")
                .description("Foreign starts by whether they found a waiting child").register(registry);
        FunctionCounter.builder("covey.warmpool.takes", warmPool, pool -> pool.get().misses()).tag("result", "cold")
                .description("Foreign starts by whether they found a waiting child").register(registry);
        FunctionCounter.builder("covey.warmpool.retired", warmPool, pool -> pool.get().retired())
                .description("Warm children replaced after waiting for the idle limit").register(registry);

        subscription = manager.subscribe(EventFilter.ALL.withTypes(EventType.LIFECYCLE),
                event -> count(registry, (LifecycleEvent) event));
    }

    /** Group and type tag every attempt meter: both bounded by the host's worker limits, unlike worker ids. */
    private void count(MeterRegistry registry, LifecycleEvent lifecycle) {
        String key = lifecycle.worker();
        if (lifecycle.group() != null && droppedMeters.add(lifecycle.group())) {
            String group = lifecycle.group();
            FunctionCounter.builder("covey.events.dropped", manager.droppedEvents(), drops -> drops.of(group))
                    .tag("group", group).description("Events of the group's workers dropped by their rate limit")
                    .register(registry);
        }
        Tags tags = Tags.of("group", lifecycle.group(), "type", lifecycle.workerType() == null ? "unknown" : lifecycle.workerType());
        if (lifecycle.state() == WorkerState.RUNNING && usageGauges.add(tags)) {
            Gauge.builder("covey.worker.memory", this, metrics -> metrics.usage(tags).memoryBytes()).tags(tags)
                    .baseUnit("bytes").description("Resident memory of the running foreign workers' process trees, summed by group and type")
                    .register(registry);
            Gauge.builder("covey.worker.cpu", this, metrics -> metrics.usage(tags).cpuPercent()).tags(tags)
                    .baseUnit("percent").description("CPU of the running foreign workers' process trees, in percent of one core, summed by group and type")
                    .register(registry);
        }
        if (lifecycle.state() == WorkerState.STARTING && !startingEvents.containsKey(key + "#" + lifecycle.attempt())) {
            startingEvents.put(key + "#" + lifecycle.attempt(), lifecycle);
            startingEvents.remove(key + "#" + (lifecycle.attempt() - 1));
            Counter.builder("covey.worker.starts").description("Attempts started").tags(tags).register(registry).increment();
            if (lifecycle.attempt() > 1) {
                Counter.builder("covey.worker.restarts").description("Attempts started after the first").tags(tags)
                        .register(registry).increment();
            }
        } else if (lifecycle.state() == WorkerState.RUNNING) {
            LifecycleEvent started = startingEvents.remove(key + "#" + lifecycle.attempt());
            if (started != null) {
                Timer.builder("covey.worker.spawn").description("Time from an attempt's start to RUNNING").tags(tags)
                        .publishPercentileHistogram().minimumExpectedValue(Duration.ofMillis(1))
                        .maximumExpectedValue(Duration.ofMinutes(5)).register(registry)
                        .record(Duration.between(started.time(), lifecycle.time()));
            }
        } else if (lifecycle.state() == WorkerState.CRASHED) {
            String reason = lifecycle.crashReason() == null ? "unknown" : lifecycle.crashReason().wireName();
            Counter.builder("covey.worker.crashes").description("Attempts that crashed, by reason").tags(tags.and("reason", reason))
                    .register(registry).increment();
        }
    }

    /** Workers in a state, from a snapshot at most a second old, so one scrape asks the engine once. */
    private int countIn(WorkerState state) {
        StateCounts counts = stateCounts;
        long now = System.nanoTime();
        if (now - counts.takenAt() > 1_000_000_000L || counts.byState().isEmpty()) {
            Map<WorkerState, Integer> fresh = new java.util.EnumMap<>(WorkerState.class);
            for (WorkerState each : WorkerState.values()) {
                fresh.put(each, 0);
            }
            manager.groups().forEach(g -> g.workers().forEach(w -> fresh.merge(w.state(), 1, Integer::sum)));
            counts = new StateCounts(fresh, now);
            stateCounts = counts;
        }
        return counts.byState().getOrDefault(state, 0);
    }

    private record StateCounts(Map<WorkerState, Integer> byState, long takenAt) {
    }

    /** The usage figures of one group and type, from the workers' last samples (a snapshot at most a second old). */
    private Usage usage(Tags tags) {
        UsageTotals totals = usageTotals;
        long now = System.nanoTime();
        if (now - totals.takenAt() > 1_000_000_000L || totals.byTags().isEmpty()) {
            Map<Tags, Usage> fresh = new java.util.HashMap<>();
            manager.groups().forEach(g -> g.workers().forEach(w -> {
                if (w.memoryBytes() != null || w.cpuPercent() != null) {
                    fresh.merge(Tags.of("group", w.group(), "type", w.type()),
                            new Usage(w.memoryBytes() == null ? 0 : w.memoryBytes(), w.cpuPercent() == null ? 0 : w.cpuPercent()),
                            (a, b) -> new Usage(a.memoryBytes() + b.memoryBytes(), a.cpuPercent() + b.cpuPercent()));
                }
            }));
            totals = new UsageTotals(fresh, now);
            usageTotals = totals;
        }
        return totals.byTags().getOrDefault(tags, Usage.NONE);
    }

    private record Usage(double memoryBytes, double cpuPercent) {
        static final Usage NONE = new Usage(0, 0);
    }

    private record UsageTotals(Map<Tags, Usage> byTags, long takenAt) {
    }

    @Override
    public void close() {
        if (subscription != null) {
            subscription.close();
        }
    }
}
