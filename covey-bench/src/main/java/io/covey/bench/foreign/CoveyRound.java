package io.covey.bench.foreign;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import io.covey.bench.child.Processes;
import io.covey.bench.child.ReadyListener;
import io.covey.bench.peers.PeerRound;

/**
 * One round of N foreign {@code ConnectBackWorker}s under the Covey probe: until all RUNNING
 * (and, for the breakdown, until all said ready); optionally kill -9 of one child until its
 * next attempt is RUNNING; the manager's and a child's RSS; then the group is nuked.
 */
public final class CoveyRound {
    private static final Duration TIMEOUT = Duration.ofMinutes(2);

    /** ms and MiB; restart figures are NaN when no restart was measured. */
    public record Figures(double allRunningMillis, double allReadyMillis, double restartRunningMillis,
                          double restartReadyMillis, double managerRssMiB, double childRssMiB, double childCpuMillis) {
    }

    private CoveyRound() {
    }

    public static Figures run(CoveyProbe probe, ReadyListener listener, String group, int count, boolean restart)
            throws Exception {
        listener.drain();
        List<Long> pids = new ArrayList<>();
        try {
            long start = System.nanoTime();
            probe.run(group, listener.port(), count);
            List<CoveyProbe.Running> running = probe.awaitRunning(count, TIMEOUT);
            List<ReadyListener.Ready> ready = listener.await(count, TIMEOUT);
            running.forEach(r -> pids.add(r.pid()));
            double allRunning = (running.stream().mapToLong(CoveyProbe.Running::nanos).max().orElseThrow() - start) / 1e6;
            double allReady = (ready.stream().mapToLong(ReadyListener.Ready::nanos).max().orElseThrow() - start) / 1e6;
            double managerRss = Processes.rssMiB(probe.pid());
            double childRss = Processes.rssMiB(running.get(0).pid());
            double childCpu = Processes.cpuMillis(running.get(0).pid());
            double restartRunning = Double.NaN;
            double restartReady = Double.NaN;
            if (restart) {
                CoveyProbe.Running victim = running.get(0);
                long killed = System.nanoTime();
                Processes.kill9(victim.pid());
                CoveyProbe.Running again = probe.awaitRunning(1, TIMEOUT).get(0);
                ReadyListener.Ready readyAgain = listener.await(1, TIMEOUT).get(0);
                pids.add(again.pid());
                restartRunning = (again.nanos() - killed) / 1e6;
                restartReady = (readyAgain.nanos() - killed) / 1e6;
            }
            return new Figures(allRunning, allReady, restartRunning, restartReady, managerRss, childRss, childCpu);
        } finally {
            probe.nuke(group);
            PeerRound.awaitGone(pids);
            listener.closeConnections();
        }
    }
}
