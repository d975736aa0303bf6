package io.covey.bench.foreign;

import java.util.List;
import java.util.Map;
import java.util.function.ToDoubleFunction;

import io.covey.bench.peers.Peer;
import io.covey.bench.peers.PeerRound;
import io.covey.bench.report.Results;
import io.covey.bench.report.Row;
import io.covey.bench.report.Stats;

/** Turns the rounds of the N-together workload into rows: Covey against the floor and the better peer. */
final class GroupRows {
    private final Results results;
    private final int n;

    GroupRows(Results results, int n) {
        this.results = results;
        this.n = n;
    }

    void add(List<Double> floor, List<CoveyRound.Figures> covey, Map<Peer, List<PeerRound.Figures>> peers) {
        double floorMedian = new Stats(floor).median();
        double singleFloor = results.rows().stream().filter(r -> r.scenario().startsWith("floor: bare child JVM"))
                .findFirst().map(r -> r.stats().median()).orElse(Double.NaN);
        results.add(new Row("floor: " + n + " bare child JVMs started together, until the last line", "ms", floor, null,
                Double.NaN, null, null, "the same main the peers run"));
        List<Double> allRunning = of(covey, CoveyRound.Figures::allRunningMillis);
        List<Double> restart = of(covey, CoveyRound.Figures::restartRunningMillis);
        results.add(new Row("foreign: " + n + " workers together, until all RUNNING", "ms", allRunning, "floor x" + n,
                floorMedian, "≤ 1.3x floor", new Stats(allRunning).median() <= 1.3 * floorMedian, null));
        results.add(new Row("foreign: " + n + " workers together, until all said ready (breakdown)", "ms",
                of(covey, CoveyRound.Figures::allReadyMillis), "floor x" + n, floorMedian, null, null, null));
        results.add(new Row("foreign: kill -9 of a child until RUNNING again (first restart)", "ms", restart, "floor x1",
                singleFloor, "≤ 1.3x floor", new Stats(restart).median() <= 1.3 * singleFloor,
                "one of " + n + " running; the kill is SIGKILL from the harness"));

        for (Map.Entry<Peer, List<PeerRound.Figures>> peer : peers.entrySet()) {
            String name = peer.getKey().name();
            results.add(new Row(name + ": " + n + " processes, until all said ready", "ms",
                    of(peer.getValue(), PeerRound.Figures::allReadyMillis), "floor x" + n, floorMedian, null, null, null));
            results.add(new Row(name + ": kill -9 of a child until it said ready again", "ms",
                    of(peer.getValue(), PeerRound.Figures::restartMillis), "floor x1", singleFloor, null, null, null));
            results.add(new Row(name + ": manager RSS with " + n + " running", "MiB",
                    of(peer.getValue(), PeerRound.Figures::managerRssMiB), null, Double.NaN, null, null, null));
        }
        if (!peers.isEmpty()) {
            double bestStart = peers.values().stream().mapToDouble(f -> new Stats(of(f, PeerRound.Figures::allReadyMillis)).median()).min().orElseThrow();
            double bestRestart = peers.values().stream().mapToDouble(f -> new Stats(of(f, PeerRound.Figures::restartMillis)).median()).min().orElseThrow();
            results.add(new Row("Covey vs peers: " + n + " until all RUNNING", "ms", allRunning, "better peer (all ready)",
                    bestStart, "≤ better peer", new Stats(allRunning).median() <= bestStart, "Covey waits for each handshake"));
            results.add(new Row("Covey vs peers: kill -9 until RUNNING again", "ms", restart, "better peer (ready again)",
                    bestRestart, "≤ better peer", new Stats(restart).median() <= bestRestart, null));
        }
        results.add(new Row("Covey: manager RSS with " + n + " foreign workers running", "MiB",
                of(covey, CoveyRound.Figures::managerRssMiB), null, Double.NaN, null, null,
                "a plain CoveyManager in its own JVM (no Spring, default heap)"));
        List<Double> childRss = of(covey, CoveyRound.Figures::childRssMiB);
        results.add(new Row("memory: a no-op foreign child", "MiB", childRss, null, Double.NaN, "≤ 64 MB",
                new Stats(childRss).median() <= 64, "RSS of a running ConnectBackWorker child"));
    }

    private static <T> List<Double> of(List<T> figures, ToDoubleFunction<T> field) {
        return figures.stream().mapToDouble(field).boxed().toList();
    }
}
