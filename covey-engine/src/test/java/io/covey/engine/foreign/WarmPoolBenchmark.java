package io.covey.engine.foreign;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

import org.awaitility.Awaitility;

import io.covey.core.event.EventFilter;
import io.covey.core.event.LifecycleEvent;
import io.covey.core.launch.ChildLaunchSettings;
import io.covey.core.lifecycle.WorkerState;
import io.covey.core.spec.CoveyGroup;
import io.covey.core.spec.WorkerOptions;
import io.covey.core.spec.WorkerSpec;
import io.covey.core.worker.StatusCall;
import io.covey.engine.CoveyManager;
import io.covey.engine.ExecutorScheduler;
import io.covey.engine.foreign.workers.SleeperWorker;
import io.covey.engine.launch.StatusReport;
import io.covey.engine.launch.WorkerRun;

/**
 * Not a test: the warm pool's three scenarios, each a method that returns its samples in
 * milliseconds, so a benchmark harness can call them; {@link #main} prints them with and without
 * the pool. Run with the test class path:
 * {@code java -cp <test class path> io.covey.engine.foreign.WarmPoolBenchmark [rounds]}.
 * <p>
 * Between samples each scenario waits until the pool is full again: it measures a start that finds
 * a child waiting, which is what the pool is for (a start that finds none is a cold start).
 */
public final class WarmPoolBenchmark {
    private static final Duration FILL_WAIT = Duration.ofSeconds(60);

    private WarmPoolBenchmark() {
    }

    /** {@code launch()} to the worker's RUNNING report, on the launcher alone. */
    public static List<Double> spawnToRunning(ChildLaunchSettings settings, int rounds) throws Exception {
        List<Double> samples = new ArrayList<>();
        try (ExecutorScheduler scheduler = new ExecutorScheduler()) {
            ForeignWorkerLauncher launcher = prestarted(settings, scheduler);
            try {
                for (int i = -1; i < rounds; i++) { // one warm-up round for the host's side
                    awaitFull(launcher, settings);
                    CompletableFuture<Long> running = new CompletableFuture<>();
                    RecordingCallbacks callbacks = runningTimer(running);
                    long start = System.nanoTime();
                    WorkerRun run = launcher.launch(ForeignTestSupport.request("spawn-" + i, SleeperWorker.class, null), callbacks);
                    long end = running.get(30, TimeUnit.SECONDS);
                    if (i >= 0) {
                        samples.add((end - start) / 1e6);
                    }
                    run.stop(Duration.ofSeconds(5));
                    callbacks.awaitExit(Duration.ofSeconds(10));
                }
            } finally {
                launcher.close();
            }
        }
        return samples;
    }

    /**
     * A {@code kill -9} of a running foreign worker's child until the manager reports it RUNNING
     * again: exit detection, the end report, the engine's immediate first restart, the launch. Each
     * sample is a fresh worker, since only the first restart after a crash is immediate.
     */
    public static List<Double> killToRunning(ChildLaunchSettings settings, int rounds) throws Exception {
        List<Double> samples = new ArrayList<>();
        Map<String, CompletableFuture<Long>> restarted = new ConcurrentHashMap<>();
        try (ExecutorScheduler scheduler = new ExecutorScheduler()) {
            ForeignWorkerLauncher launcher = prestarted(settings, scheduler);
            CoveyManager manager = CoveyManager.builder(ForeignTestSupport.MANIFEST).scheduler(scheduler)
                    .foreignLauncher(launcher).build();
            manager.subscribe(EventFilter.ALL, event -> {
                if (event instanceof LifecycleEvent lifecycle && lifecycle.state() == WorkerState.RUNNING && lifecycle.attempt() == 2) {
                    restarted.computeIfAbsent(lifecycle.worker(), id -> new CompletableFuture<>()).complete(System.nanoTime());
                }
            });
            try {
                List<WorkerSpec> specs = new ArrayList<>();
                for (int i = -1; i < rounds; i++) {
                    String id = "victim-" + (i + 1);
                    specs.add(new WorkerSpec("SleeperWorker", id, null, WorkerOptions.NONE.withForeign(true)));
                    manager.runGroup(new CoveyGroup("bench", List.copyOf(specs)));
                    Awaitility.await().atMost(FILL_WAIT).until(() -> manager.worker(id).state() == WorkerState.RUNNING);
                    awaitFull(launcher, settings);
                    long pid = manager.worker(id).pid();
                    CompletableFuture<Long> running = restarted.computeIfAbsent(id, key -> new CompletableFuture<>());
                    long start = System.nanoTime();
                    ProcessHandle.of(pid).ifPresent(ProcessHandle::destroyForcibly);
                    long end = running.get(30, TimeUnit.SECONDS);
                    if (i >= 0) {
                        samples.add((end - start) / 1e6);
                    }
                }
                manager.nukeGroup("bench");
            } finally {
                manager.close();
                launcher.close();
            }
        }
        return samples;
    }

    /** {@code workers} launches at once; the time from the first launch() to the last RUNNING, per round. */
    public static List<Double> burst(ChildLaunchSettings settings, int workers, int rounds) throws Exception {
        List<Double> samples = new ArrayList<>();
        try (ExecutorScheduler scheduler = new ExecutorScheduler()) {
            ForeignWorkerLauncher launcher = prestarted(settings, scheduler);
            try {
                for (int round = 0; round < rounds; round++) {
                    awaitFull(launcher, settings);
                    List<CompletableFuture<Long>> running = new ArrayList<>();
                    List<RecordingCallbacks> callbacks = new ArrayList<>();
                    List<WorkerRun> runs = new ArrayList<>();
                    long start = System.nanoTime();
                    for (int i = 0; i < workers; i++) {
                        CompletableFuture<Long> each = new CompletableFuture<>();
                        RecordingCallbacks timer = runningTimer(each);
                        running.add(each);
                        callbacks.add(timer);
                        runs.add(launcher.launch(ForeignTestSupport.request("burst-" + round + "-" + i, SleeperWorker.class, null), timer));
                    }
                    long last = 0;
                    for (CompletableFuture<Long> each : running) {
                        last = Math.max(last, each.get(60, TimeUnit.SECONDS));
                    }
                    samples.add((last - start) / 1e6);
                    runs.forEach(run -> run.stop(Duration.ofSeconds(5)));
                    for (RecordingCallbacks each : callbacks) {
                        each.awaitExit(Duration.ofSeconds(20));
                    }
                }
            } finally {
                launcher.close();
            }
        }
        return samples;
    }

    /** A launcher that knows the test workers and fills its pool from now on. */
    private static ForeignWorkerLauncher prestarted(ChildLaunchSettings settings, ExecutorScheduler scheduler) {
        ForeignWorkerLauncher launcher = new ForeignWorkerLauncher(settings, scheduler);
        launcher.prepareFor(ForeignTestSupport.MANIFEST);
        launcher.prestart();
        return launcher;
    }

    private static void awaitFull(ForeignWorkerLauncher launcher, ChildLaunchSettings settings) {
        int size = settings.warmPool().size();
        Awaitility.await().atMost(FILL_WAIT).pollInterval(Duration.ofMillis(20))
                .until(() -> launcher.warmPoolStats().waiting() >= size);
        // Let the children that just became ready settle (their last warm-up threads end).
        Awaitility.await().pollDelay(Duration.ofMillis(300)).until(() -> true);
    }

    private static RecordingCallbacks runningTimer(CompletableFuture<Long> running) {
        return new RecordingCallbacks() {
            @Override
            public void reported(StatusReport report) {
                if (report.status() == StatusCall.RUNNING) {
                    running.complete(System.nanoTime());
                }
                super.reported(report);
            }
        };
    }

    public static void main(String[] args) throws Exception {
        int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 15;
        int burstWorkers = args.length > 1 ? Integer.parseInt(args[1]) : 20;
        ChildLaunchSettings cold = ChildLaunchSettings.defaults().withWarmPool(ChildLaunchSettings.WarmPool.OFF);
        ChildLaunchSettings warm = cold.withWarmPool(new ChildLaunchSettings.WarmPool(2, Duration.ZERO));
        ChildLaunchSettings wide = cold.withWarmPool(new ChildLaunchSettings.WarmPool(burstWorkers, Duration.ZERO));
        System.out.printf("java %s, %d cores, flags %s%n", System.getProperty("java.version"),
                Runtime.getRuntime().availableProcessors(), cold.jvmOptions());
        print("spawn to RUNNING, warm (pool 2)", spawnToRunning(warm, rounds));
        print("spawn to RUNNING, cold", spawnToRunning(cold, rounds));
        print("kill -9 to RUNNING again, warm (pool 2)", killToRunning(warm, rounds));
        print("kill -9 to RUNNING again, cold", killToRunning(cold, Math.min(rounds, 8)));
        print(burstWorkers + " at once to all RUNNING, warm (pool " + burstWorkers + ")", burst(wide, burstWorkers, 5));
        print(burstWorkers + " at once to all RUNNING, cold", burst(cold, burstWorkers, 2));
        System.exit(0);
    }

    static void print(String what, List<Double> samples) {
        List<Double> sorted = new ArrayList<>(samples);
        Collections.sort(sorted);
        int n = sorted.size();
        double median = n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
        System.out.printf("%-45s median %7.1f ms  (min %.1f, max %.1f, n=%d)%n", what, median, sorted.get(0), sorted.get(n - 1), n);
    }
}
