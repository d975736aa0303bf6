package io.covey.bench.foreign;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import io.covey.bench.BenchConfig;
import io.covey.bench.child.Processes;
import io.covey.bench.peers.PeerRound;
import io.covey.bench.report.Results;
import io.covey.bench.report.Row;
import io.covey.bench.report.Stats;

/**
 * The warm pool's scenarios (docs/WARM-POOL.md), each measured twice in turns: by a manager in its
 * own JVM with a warm pool as large as the N-together group, and by one without a pool, the
 * reference. The worker does nothing but report {@code running()}, so the figures are Covey's own
 * and not the worker's. Before every warm sample the pool is full again: a start measured here
 * finds a child waiting, which is what the pool is for (a start that finds none is a cold start).
 */
public final class WarmScenarios {
    private static final Duration TIMEOUT = Duration.ofMinutes(2);

    private final BenchConfig config;
    private final Results results;
    private final Path work;

    public WarmScenarios(BenchConfig config, Results results, Path work) {
        this.config = config;
        this.results = results;
        this.work = work;
    }

    public void run() throws Exception {
        int n = config.groupSize();
        CoveyProbe warm = new CoveyProbe(work.resolve("covey-probe-warm.log"), "", n);
        CoveyProbe cold = new CoveyProbe(work.resolve("covey-probe-cold.log"), "", 0);
        try {
            Samples warmSamples = new Samples();
            Samples coldSamples = new Samples();
            for (int round = -2; round < config.singleRounds(); round++) { // two warm-up rounds
                boolean counted = round >= 0;
                for (CoveyProbe probe : List.of(warm, cold)) {
                    Samples samples = probe == warm ? warmSamples : coldSamples;
                    double s = spawn(probe, "single" + (round + 2));
                    double r = killToRunning(probe, "kill" + (round + 2));
                    if (counted) {
                        samples.single.add(s);
                        samples.restart.add(r);
                    }
                }
            }
            for (int round = -1; round < config.groupRounds(); round++) { // one warm-up round
                for (CoveyProbe probe : List.of(warm, cold)) {
                    double g = together(probe, "group" + (round + 1), n);
                    if (round >= 0) {
                        (probe == warm ? warmSamples : coldSamples).group.add(g);
                    }
                }
            }
            addRows(n, warmSamples, coldSamples);
        } finally {
            warm.close();
            cold.close();
        }
    }

    /** The samples of one probe, in ms. */
    private static final class Samples {
        final List<Double> single = new ArrayList<>();
        final List<Double> restart = new ArrayList<>();
        final List<Double> group = new ArrayList<>();
    }

    private static double spawn(CoveyProbe probe, String group) throws Exception {
        return together(probe, group, 1);
    }

    /** From the runGroup command until the last of {@code count} workers is RUNNING. */
    private static double together(CoveyProbe probe, String group, int count) throws Exception {
        probe.awaitFullPool();
        List<Long> pids = new ArrayList<>();
        try {
            long start = System.nanoTime();
            probe.runNoop(group, count);
            List<CoveyProbe.Running> running = probe.awaitRunning(count, TIMEOUT);
            running.forEach(r -> pids.add(r.pid()));
            return (running.stream().mapToLong(CoveyProbe.Running::nanos).max().orElseThrow() - start) / 1e6;
        } finally {
            probe.nuke(group);
            PeerRound.awaitGone(pids);
        }
    }

    /** One worker RUNNING, the pool full again, then SIGKILL of its child until its next attempt is RUNNING. */
    private static double killToRunning(CoveyProbe probe, String group) throws Exception {
        List<Long> pids = new ArrayList<>();
        try {
            probe.runNoop(group, 1);
            CoveyProbe.Running first = probe.awaitRunning(1, TIMEOUT).get(0);
            pids.add(first.pid());
            probe.awaitFullPool();
            long killed = System.nanoTime();
            Processes.kill9(first.pid());
            CoveyProbe.Running again = probe.awaitRunning(1, TIMEOUT).get(0);
            pids.add(again.pid());
            return (again.nanos() - killed) / 1e6;
        } finally {
            probe.nuke(group);
            PeerRound.awaitGone(pids);
        }
    }

    private void addRows(int n, Samples warm, Samples cold) {
        String pool = "foreign, warm pool of " + n + ": ";
        String none = "foreign, no pool: ";
        double coldSingle = new Stats(cold.single).median();
        double coldRestart = new Stats(cold.restart).median();
        double coldGroup = new Stats(cold.group).median();
        results.add(new Row(none + "one no-op worker, runGroup to RUNNING", "ms", cold.single, null, Double.NaN, null, null,
                "the reference for the warm rows: a worker that only says running()"));
        results.add(new Row(pool + "one no-op worker, runGroup to RUNNING", "ms", warm.single, "no pool", coldSingle,
                "≤ 10 ms", new Stats(warm.single).median() <= 10, "the pool full before each start"));
        results.add(new Row(none + "kill -9 of a no-op worker's child until RUNNING again", "ms", cold.restart, null,
                Double.NaN, null, null, null));
        results.add(new Row(pool + "kill -9 of a no-op worker's child until RUNNING again", "ms", warm.restart, "no pool",
                coldRestart, "≤ 20 ms", new Stats(warm.restart).median() <= 20, "the first restart (no backoff); pool full before the kill"));
        results.add(new Row(none + n + " no-op workers together, until all RUNNING", "ms", cold.group, null, Double.NaN, null,
                null, null));
        boolean issueSize = n == 20; // the target is written for 20
        results.add(new Row(pool + n + " no-op workers together, until all RUNNING", "ms", warm.group, "no pool", coldGroup,
                issueSize ? "≤ 100 ms" : null, issueSize ? new Stats(warm.group).median() <= 100 : null, null));
    }
}
