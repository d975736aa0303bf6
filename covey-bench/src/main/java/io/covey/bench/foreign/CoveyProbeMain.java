package io.covey.bench.foreign;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import io.covey.bench.workers.ConnectBackWorker;
import io.covey.bench.workers.NoopServiceWorker;
import io.covey.core.event.EventFilter;
import io.covey.core.event.EventType;
import io.covey.core.event.LifecycleEvent;
import io.covey.core.lifecycle.WorkerState;
import io.covey.core.manifest.CoveyManifest;
import io.covey.core.spec.CoveyGroup;
import io.covey.core.spec.WorkerOptions;
import io.covey.engine.CoveyManager;
import io.covey.engine.ExecutorScheduler;
import io.covey.engine.ManagerSettings;
import io.covey.engine.foreign.ForeignWorkerLauncher;
import io.covey.core.launch.ChildLaunchSettings;

/**
 * A Covey manager in a JVM of its own, driven over stdin like a daemon (so its RSS is the
 * manager's alone, as supervisord's and PM2's are theirs). Commands: {@code run GROUP PORT N}
 * declares N foreign {@link ConnectBackWorker}s; {@code noop GROUP N} declares N foreign
 * {@link NoopServiceWorker}s; {@code poolwait} answers {@code pool N} once the warm pool is full
 * (with {@code -Dbench.warmPool=N}; at once without a pool); {@code nuke GROUP}; {@code quit}. It
 * prints {@code ready}, then {@code running WORKER ATTEMPT PID NANOS} for every RUNNING event.
 * {@code System.nanoTime()} is CLOCK_MONOTONIC on Linux, so the harness can compare it with its own.
 */
public final class CoveyProbeMain {
    private static final CoveyManifest MANIFEST = CoveyManifest.of(ConnectBackWorker.class, NoopServiceWorker.class);

    private CoveyProbeMain() {
    }

    public static void main(String[] args) throws Exception {
        PrintStream out = new PrintStream(System.out, true, StandardCharsets.UTF_8);
        // -Dbench.childJvmOptions adds options to the children (the class-loading breakdown uses -Xlog).
        List<String> jvmOptions = new ArrayList<>(ChildLaunchSettings.DEFAULT_JVM_OPTIONS);
        String extra = System.getProperty("bench.childJvmOptions", "").trim();
        if (!extra.isEmpty()) {
            jvmOptions.addAll(List.of(extra.split("\\s+")));
        }
        // -Dbench.warmPool=N gives the launcher a warm pool of N children (no idle limit); 0, the default, none.
        int warmPool = Integer.getInteger("bench.warmPool", 0);
        ChildLaunchSettings launch = new ChildLaunchSettings(null, jvmOptions, null, null, null, null, null, null, null, null, null, 0)
                .withWarmPool(warmPool == 0 ? ChildLaunchSettings.WarmPool.OFF : new ChildLaunchSettings.WarmPool(warmPool, Duration.ZERO));
        try (ExecutorScheduler scheduler = new ExecutorScheduler();
             ForeignWorkerLauncher launcher = new ForeignWorkerLauncher(launch, scheduler)) {
            launcher.prepareFor(MANIFEST);
            launcher.prestart();
            CoveyManager manager = CoveyManager.builder(MANIFEST)
                    .settings(ManagerSettings.defaults()).scheduler(scheduler).foreignLauncher(launcher).build();
            manager.subscribe(EventFilter.ALL.withTypes(EventType.LIFECYCLE), event -> {
                if (event instanceof LifecycleEvent e && e.state() == WorkerState.RUNNING) {
                    long now = System.nanoTime();
                    Long pid = manager.worker(e.worker()).pid();
                    out.println("running " + e.worker() + " " + e.attempt() + " " + pid + " " + now);
                }
            });
            out.println("ready");
            BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
            String line;
            while ((line = in.readLine()) != null && !line.equals("quit")) {
                String[] words = line.split(" ");
                if (words[0].equals("run")) {
                    manager.runGroup(group(words[1], Integer.parseInt(words[2]), Integer.parseInt(words[3])));
                } else if (words[0].equals("noop")) {
                    manager.runGroup(noopGroup(words[1], Integer.parseInt(words[2])));
                } else if (words[0].equals("poolwait")) {
                    out.println("pool " + awaitFullPool(launcher, warmPool));
                } else if (words[0].equals("nuke")) {
                    manager.nukeGroup(words[1]);
                    out.println("nuked " + words[1]);
                }
            }
            manager.close();
        }
    }

    /**
     * Waits until the pool holds {@code size} ready children, then a moment more: children that just
     * became ready finish their warm-up threads, and a start measured now finds the machine as a
     * user's start would, not in the middle of refilling.
     */
    private static int awaitFullPool(ForeignWorkerLauncher launcher, int size) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofMinutes(2).toNanos();
        while (launcher.warmPoolStats().waiting() < size && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        if (size > 0) {
            Thread.sleep(300);
        }
        return launcher.warmPoolStats().waiting();
    }

    private static CoveyGroup noopGroup(String name, int count) {
        List<NoopServiceWorker> workers = new ArrayList<>();
        for (int n = 0; n < count; n++) {
            workers.add(new NoopServiceWorker(new NoopServiceWorker.Params(n, 0)));
        }
        return new CoveyGroup(name, workers);
    }

    private static CoveyGroup group(String name, int port, int count) {
        List<ConnectBackWorker> workers = new ArrayList<>();
        for (int n = 0; n < count; n++) {
            workers.add(new ConnectBackWorker(new ConnectBackWorker.Params(port, n)));
        }
        return new CoveyGroup(name, workers);
    }
}
