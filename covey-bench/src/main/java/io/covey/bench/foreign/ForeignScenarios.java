package io.covey.bench.foreign;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.covey.bench.BenchConfig;
import io.covey.bench.child.ReadyListener;
import io.covey.bench.peers.Peer;
import io.covey.bench.peers.PeerRound;
import io.covey.bench.peers.Pm2;
import io.covey.bench.peers.Supervisord;
import io.covey.bench.report.Results;
import io.covey.bench.report.Row;
import io.covey.bench.report.Stats;

/**
 * Process-level scenarios, interleaved round by round so that the floor, Covey and the peers
 * share whatever else the machine is doing: one spawn, N together, kill -9 of one, and RSS.
 */
public final class ForeignScenarios {
    private final BenchConfig config;
    private final Results results;
    private final Path work;

    public ForeignScenarios(BenchConfig config, Results results, Path work) {
        this.config = config;
        this.results = results;
        this.work = work;
    }

    public void run() throws Exception {
        try (ReadyListener listener = new ReadyListener()) {
            CoveyProbe probe = new CoveyProbe(work.resolve("covey-probe.log"), "");
            try {
                singles(listener, probe);
                groups(listener, probe);
                new SpawnBreakdown(results, work, config.singleRounds()).run(listener);
            } finally {
                probe.close();
            }
            new WarmScenarios(config, results, work).run();
        }
    }

    private void singles(ReadyListener listener, CoveyProbe probe) throws Exception {
        List<Double> floor = new ArrayList<>();
        List<Double> running = new ArrayList<>();
        List<Double> ready = new ArrayList<>();
        for (int round = -2; round < config.singleRounds(); round++) { // two warm-up rounds
            double f = Floor.spawn(listener, 1);
            CoveyRound.Figures c = CoveyRound.run(probe, listener, "single" + (round + 2), 1, false);
            if (round >= 0) {
                floor.add(f);
                running.add(c.allRunningMillis());
                ready.add(c.allReadyMillis());
            }
        }
        double floorMedian = new Stats(floor).median();
        results.add(new Row("floor: bare child JVM, start() to one line on loopback", "ms", floor, null, Double.NaN, null, null,
                "same java, flags and class path as Covey's children"));
        Row spawn = new Row("foreign: one worker, runGroup to RUNNING", "ms", running, "floor x1", floorMedian,
                "≤ 1.3x floor", new Stats(running).median() <= 1.3 * floorMedian, "RUNNING: after the handshake and the worker's running()");
        results.add(spawn);
        results.add(new Row("foreign: one worker, runGroup to the worker's own ready line", "ms", ready, "floor x1", floorMedian,
                null, null, "breakdown: the child connected back from runWorker(), before running()"));
    }

    private void groups(ReadyListener listener, CoveyProbe probe) throws Exception {
        int n = config.groupSize();
        Map<Peer, List<PeerRound.Figures>> peers = new LinkedHashMap<>();
        if (config.withPeers()) {
            if (Supervisord.available()) {
                peers.put(new Supervisord(work.resolve("supervisord")), new ArrayList<>());
            } else {
                results.note("supervisord is not installed: left out (scripts/bench.sh --with-peers installs it)");
            }
            if (Pm2.available()) {
                peers.put(new Pm2(work.resolve("pm2")), new ArrayList<>());
            } else {
                results.note("PM2 is not installed: left out (scripts/bench.sh --with-peers installs it)");
            }
        }
        List<Double> floor = new ArrayList<>();
        List<CoveyRound.Figures> covey = new ArrayList<>();
        try {
            for (Peer peer : peers.keySet()) {
                peer.setUp(listener.port(), n);
            }
            for (int round = -1; round < config.groupRounds(); round++) { // one warm-up round
                double f = Floor.spawn(listener, n);
                CoveyRound.Figures c = CoveyRound.run(probe, listener, "group" + (round + 1), n, true);
                Map<Peer, PeerRound.Figures> peerFigures = new LinkedHashMap<>();
                for (Peer peer : peers.keySet()) {
                    peerFigures.put(peer, PeerRound.run(peer, listener, n));
                }
                if (round >= 0) {
                    floor.add(f);
                    covey.add(c);
                    peerFigures.forEach((peer, figures) -> peers.get(peer).add(figures));
                }
            }
            for (Peer peer : peers.keySet()) {
                if (peer instanceof Pm2 pm2) {
                    results.note("PM2's CLI alone (`pm2 ping`, daemon up) takes " + Results.num(pm2.cliOverheadMillis())
                            + " ms of each PM2 start figure");
                }
            }
        } finally {
            for (Peer peer : peers.keySet()) {
                try {
                    peer.close();
                } catch (Exception e) {
                    results.note(peer.name() + " did not stop cleanly: " + e);
                }
            }
        }
        new GroupRows(results, n).add(floor, covey, peers);
    }
}
