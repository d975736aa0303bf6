package io.covey.bench.engine;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import io.covey.bench.BenchConfig;
import io.covey.bench.report.Results;
import io.covey.bench.report.Row;
import io.covey.bench.report.Stats;
import io.covey.core.api.GroupDiff;
import io.covey.core.event.EventFilter;
import io.covey.core.event.EventType;
import io.covey.core.event.Subscription;
import io.covey.core.lifecycle.WorkerState;
import io.covey.core.spec.CoveyGroup;
import io.covey.engine.CoveyManager;

/**
 * The in-process engine at scale: a group of N no-op workers brought up from nothing, declared
 * again unchanged, and declared again with 1 % of the specs changed.
 */
public final class EngineScenarios {
    private static final Duration TIMEOUT = Duration.ofMinutes(2);
    private final BenchConfig config;
    private final Results results;

    public EngineScenarios(BenchConfig config, Results results) {
        this.config = config;
        this.results = results;
    }

    public void run() throws Exception {
        int size = config.inProcessWorkers();
        CoveyGroup base = NoopGroups.group(size, 0, 0);
        List<Double> upMillis = new ArrayList<>();
        List<Row> diffRows = List.of();
        for (int round = -1; round < config.inProcessRounds(); round++) { // one warm-up round
            try (CoveyManager manager = NoopGroups.manager(size)) {
                double millis = bringUp(manager, base);
                if (round >= 0) {
                    upMillis.add(millis);
                }
                if (round == config.inProcessRounds() - 1) {
                    diffRows = measureDiffs(manager, base, size);
                }
            }
        }
        results.add(new Row("in-process: runGroup of " + size + " no-op workers until all RUNNING", "ms", upMillis,
                null, Double.NaN, "< 1 s", new Stats(upMillis).median() < 1000,
                "fresh manager each round, after one warm-up round; ends at the last RUNNING event"));
        diffRows.forEach(results::add);
        explicitIds(size);
    }

    /** The no-op diff again with explicit ids: what deriving ids (SHA-256 over canonical params) costs. */
    private void explicitIds(int size) throws Exception {
        List<Double> noOp = new ArrayList<>();
        try (CoveyManager manager = NoopGroups.manager(size)) {
            bringUp(manager, NoopGroups.group(size, 0, 0, true));
            for (int i = -2; i < config.diffRounds(); i++) {
                CoveyGroup again = NoopGroups.group(size, 0, 0, true);
                long start = System.nanoTime();
                manager.runGroup(again);
                if (i >= 0) {
                    noOp.add((System.nanoTime() - start) / 1e6);
                }
            }
        }
        results.add(new Row("in-process: the same " + size + " declared again, explicit ids (breakdown)", "ms", noOp, null,
                Double.NaN, null, null, "as the no-op diff, without deriving ids"));
    }

    private static double bringUp(CoveyManager manager, CoveyGroup group) throws Exception {
        StateCounter running = new StateCounter(WorkerState.RUNNING);
        try (Subscription ignored = manager.subscribe(EventFilter.ALL.withTypes(EventType.LIFECYCLE), running)) {
            long start = System.nanoTime();
            manager.runGroup(group);
            long end = running.awaitCount(group.workers().size(), TIMEOUT);
            return (end - start) / 1e6;
        }
    }

    private List<Row> measureDiffs(CoveyManager manager, CoveyGroup base, int size) throws Exception {
        List<Double> noOp = new ArrayList<>();
        List<Double> noOpCpu = new ArrayList<>();
        List<Double> noOpAllocated = new ArrayList<>();
        EngineThreadCost engine = EngineThreadCost.ofNewestManager();
        for (int i = -2; i < config.diffRounds(); i++) {
            // Fresh objects, as a client re-declaring over the API sends: nothing is equal by identity.
            CoveyGroup again = NoopGroups.group(size, 0, 0);
            long cpu = engine.cpuNanos();
            long allocated = engine.allocatedBytes();
            long start = System.nanoTime();
            GroupDiff diff = manager.runGroup(again);
            double millis = (System.nanoTime() - start) / 1e6;
            if (!diff.started().isEmpty() || !diff.stopped().isEmpty()) {
                throw new IllegalStateException("a repeated declaration changed something: " + diff);
            }
            if (i >= 0) {
                noOp.add(millis);
                noOpCpu.add((engine.cpuNanos() - cpu) / 1e6);
                noOpAllocated.add((engine.allocatedBytes() - allocated) / (1024.0 * 1024.0));
            }
        }
        Row noOpRow = new Row("in-process: the same " + size + " declared again (no-op diff)", "ms", noOp, null, Double.NaN,
                "< 20 ms", new Stats(noOp).median() < 20, "runGroup call, caller's view");

        List<Double> changed = new ArrayList<>();
        int expected = Math.max(1, size / 100);
        StateCounter running = new StateCounter(WorkerState.RUNNING);
        StateCounter stopped = new StateCounter(WorkerState.STOPPED);
        try (Subscription a = manager.subscribe(EventFilter.ALL.withTypes(EventType.LIFECYCLE), running);
             Subscription b = manager.subscribe(EventFilter.ALL.withTypes(EventType.LIFECYCLE), stopped)) {
            for (int i = -2; i < config.diffRounds(); i++) {
                // Alternate between two variants so every round changes the same 1 %.
                CoveyGroup next = NoopGroups.group(size, 1, i % 2 == 0 ? 1 : 2);
                long runningBefore = running.count();
                long stoppedBefore = stopped.count();
                long start = System.nanoTime();
                GroupDiff diff = manager.runGroup(next);
                double millis = (System.nanoTime() - start) / 1e6;
                if (diff.started().size() != expected) {
                    throw new IllegalStateException("expected " + expected + " started, got " + diff.started().size());
                }
                // Let the replaced workers settle, so each sample starts from a quiet engine.
                running.awaitCount(runningBefore + expected, TIMEOUT);
                stopped.awaitCount(stoppedBefore + expected, TIMEOUT);
                if (i >= 0) {
                    changed.add(millis);
                }
            }
        }
        Row noOpCpuRow = new Row("in-process: the same " + size + " declared again (no-op diff), engine thread CPU (breakdown)",
                "ms", noOpCpu, null, Double.NaN, null, null, "CPU time of the engine thread per call: little inflated by a loaded machine");
        Row noOpAllocatedRow = new Row("in-process: the same " + size + " declared again (no-op diff), allocated on the engine thread"
                + " (breakdown)", "MiB", noOpAllocated, null, Double.NaN, null, null, "per call; the same code path allocates the same");
        return List.of(noOpRow, noOpCpuRow, noOpAllocatedRow, new Row("in-process: " + size + " declared with 1 % changed", "ms",
                changed, null, Double.NaN, "< 50 ms", new Stats(changed).median() < 50,
                "runGroup call (the diff, starting " + expected + " and stopping " + expected + "), caller's view"));
    }
}
