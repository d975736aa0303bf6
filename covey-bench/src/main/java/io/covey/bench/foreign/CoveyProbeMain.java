package io.covey.bench.foreign;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import io.covey.bench.workers.ConnectBackWorker;
import io.covey.core.event.EventFilter;
import io.covey.core.event.EventType;
import io.covey.core.event.LifecycleEvent;
import io.covey.core.lifecycle.WorkerState;
import io.covey.core.manifest.CoveyManifest;
import io.covey.core.spec.CoveyGroup;
import io.covey.core.spec.WorkerOptions;
import io.covey.host.engine.CoveyManager;
import io.covey.host.engine.ExecutorScheduler;
import io.covey.host.engine.ManagerSettings;
import io.covey.host.engine.foreign.ForeignWorkerLauncher;
import io.covey.worker.launch.ChildLaunchSettings;

/**
 * A Covey manager in a JVM of its own, driven over stdin like a daemon (so its RSS is the
 * manager's alone, as supervisord's and PM2's are theirs). Commands: {@code run GROUP PORT N}
 * declares N foreign {@link ConnectBackWorker}s; {@code nuke GROUP}; {@code quit}. It prints
 * {@code ready}, then {@code running WORKER ATTEMPT PID NANOS} for every RUNNING event.
 * {@code System.nanoTime()} is CLOCK_MONOTONIC on Linux, so the harness can compare it with its own.
 */
public final class CoveyProbeMain {
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
        ChildLaunchSettings launch = new ChildLaunchSettings(null, jvmOptions, null, null, null, null, null, null, null, null, null, 0);
        try (ExecutorScheduler scheduler = new ExecutorScheduler();
             ForeignWorkerLauncher launcher = new ForeignWorkerLauncher(launch, scheduler)) {
            CoveyManager manager = CoveyManager.builder(CoveyManifest.of(ConnectBackWorker.class))
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
                } else if (words[0].equals("nuke")) {
                    manager.nukeGroup(words[1]);
                    out.println("nuked " + words[1]);
                }
            }
            manager.close();
        }
    }

    private static CoveyGroup group(String name, int port, int count) {
        List<ConnectBackWorker> workers = new ArrayList<>();
        for (int n = 0; n < count; n++) {
            workers.add(new ConnectBackWorker(new ConnectBackWorker.Params(port, n)));
        }
        return new CoveyGroup(name, workers);
    }
}
