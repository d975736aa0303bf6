package io.covey.bench.peers;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import io.covey.bench.child.Processes;
import io.covey.bench.child.ReadyListener;

/**
 * One round of the N-process workload under a peer: start all, until the last said ready; kill
 * -9 one, until its replacement said ready; the daemon's RSS while they run; stop all.
 */
public final class PeerRound {
    private static final Duration TIMEOUT = Duration.ofMinutes(2);

    /** The figures of one round, in ms and MiB. */
    public record Figures(double allReadyMillis, double restartMillis, double managerRssMiB) {
    }

    private PeerRound() {
    }

    public static Figures run(Peer peer, ReadyListener listener, int count) throws Exception {
        listener.drain();
        List<Long> pids = new ArrayList<>();
        try {
            long start = System.nanoTime();
            peer.startAll();
            List<ReadyListener.Ready> ready = listener.await(count, TIMEOUT);
            long last = ready.stream().mapToLong(ReadyListener.Ready::nanos).max().orElseThrow();
            ready.forEach(r -> pids.add(r.pid()));
            double rss = Processes.rssMiB(peer.managerPid());
            peer.awaitSteady(count);

            long victim = ready.get(0).pid();
            long killed = System.nanoTime();
            Processes.kill9(victim);
            ReadyListener.Ready again = listener.await(1, TIMEOUT).get(0);
            pids.add(again.pid());
            return new Figures((last - start) / 1e6, (again.nanos() - killed) / 1e6, rss);
        } finally {
            peer.stopAll(pids);
            awaitGone(pids);
            listener.closeConnections();
        }
    }

    /** Waits for the processes to end, and kills any the manager left behind. */
    public static void awaitGone(List<Long> pids) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        for (long pid : pids) {
            ProcessHandle.of(pid).ifPresent(handle -> {
                try {
                    handle.onExit().get(Math.max(1, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
                } catch (Exception e) {
                    handle.destroyForcibly();
                }
            });
        }
    }
}
