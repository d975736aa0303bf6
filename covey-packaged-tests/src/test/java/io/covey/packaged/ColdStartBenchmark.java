package io.covey.packaged;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

import io.covey.client.CoveyClient;
import io.covey.core.event.EventFilter;
import io.covey.core.event.EventType;
import io.covey.core.event.LifecycleEvent;
import io.covey.core.event.Subscription;
import io.covey.core.lifecycle.WorkerState;
import io.covey.core.spec.WorkerSpec;
import io.covey.demo.workers.FlakyWorker;

/**
 * Not a test: the cold start of a foreign worker (warm pool off) when the host runs from its
 * executable jar, whose child runtime is laid out in the runtime directory, against the same host
 * unpacked with {@code java -Djarmode=tools -jar ... extract}, as the image did before. Each
 * figure is from the host's own lifecycle events: STARTING (the spawn begins) to RUNNING. Run
 * after {@code mvn -B package -DskipTests}, with the test class path:
 * {@code java -cp <covey-packaged-tests test class path> io.covey.packaged.ColdStartBenchmark [rounds]}.
 */
public final class ColdStartBenchmark {
    private ColdStartBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 10;
        Path work = Files.createTempDirectory("covey-cold-start");
        Path workers = Artifacts.workerDirectory(work.resolve("workers"), Artifacts.demoWorkersJar(), Artifacts.jSerialCommJar());
        Path extracted = work.resolve("extracted");
        new ProcessBuilder(Artifacts.java().toString(), "-Djarmode=tools", "-jar", Artifacts.hostExecJar().toString(),
                "extract", "--destination", extracted.toString()).inheritIO().start().waitFor();
        Path unpackedJar = extracted.resolve(Artifacts.hostExecJar().getFileName());

        Map<String, String> noPool = Map.of("COVEY_WORKER_WARM_POOL_SIZE", "0",
                "COVEY_WORKER_RUNTIME_DIRECTORY", work.resolve("runtime").toString());
        System.out.printf("rounds: %d, java %s, load %s%n", rounds, System.getProperty("java.version"), load());
        for (int pass = 0; pass < 2; pass++) {
            // Taking turns, so both share whatever else the machine does.
            report("exec jar (java -jar), first spawn lays the runtime out", List.of(measure(Artifacts.hostExecJar(), workers, work, noPool, 1).get(0)));
            report("exec jar (java -jar), runtime laid out", measure(Artifacts.hostExecJar(), workers, work, noPool, rounds));
            report("unpacked jar (extract, the image's old way)", measure(unpackedJar, workers, work, noPool, rounds));
            deleteTree(work.resolve("runtime"));
        }
        System.out.printf("load at the end %s%n", load());
    }

    private static List<Double> measure(Path jar, Path workers, Path work, Map<String, String> environment, int rounds) throws Exception {
        List<Double> millis = new ArrayList<>();
        try (PackagedHost host = PackagedHost.start(jar, workers, work, environment)) {
            CoveyClient covey = host.client();
            Map<String, Instant> starting = new ConcurrentHashMap<>();
            Map<String, CompletableFuture<Instant>> running = new ConcurrentHashMap<>();
            try (Subscription ignored = covey.subscribe(EventFilter.ALL.withTypes(EventType.LIFECYCLE), event -> {
                LifecycleEvent lifecycle = (LifecycleEvent) event;
                if (lifecycle.state() == WorkerState.STARTING) {
                    starting.putIfAbsent(lifecycle.worker(), lifecycle.time());
                } else if (lifecycle.state() == WorkerState.RUNNING) {
                    running.computeIfAbsent(lifecycle.worker(), id -> new CompletableFuture<>()).complete(lifecycle.time());
                }
            })) {
                Thread.sleep(1000); // the subscription is live
                for (int i = 0; i < rounds; i++) {
                    String id = "cold-" + i;
                    covey.runGroup("cold", List.of(WorkerSpec.of("FlakyWorker", new FlakyWorker.Params(0.0)).withId(id)));
                    Instant up = running.computeIfAbsent(id, k -> new CompletableFuture<>()).get(60, TimeUnit.SECONDS);
                    millis.add(Duration.between(starting.get(id), up).toNanos() / 1e6);
                    covey.nukeGroup("cold");
                }
            }
        }
        return millis;
    }

    private static void report(String what, List<Double> millis) {
        List<Double> sorted = new ArrayList<>(millis);
        Collections.sort(sorted);
        double median = sorted.size() % 2 == 1 ? sorted.get(sorted.size() / 2)
                : (sorted.get(sorted.size() / 2 - 1) + sorted.get(sorted.size() / 2)) / 2;
        System.out.printf("%-55s STARTING to RUNNING: median %.1f ms (min %.1f, max %.1f, n %d)%n", what, median,
                sorted.get(0), sorted.get(sorted.size() - 1), sorted.size());
    }

    private static String load() {
        try {
            return Files.readString(Path.of("/proc/loadavg")).strip();
        } catch (Exception e) {
            return "?";
        }
    }

    private static void deleteTree(Path directory) throws Exception {
        if (Files.exists(directory)) {
            try (var paths = Files.walk(directory)) {
                for (Path path : paths.sorted(Collections.reverseOrder()).toList()) {
                    Files.delete(path);
                }
            }
        }
    }
}
