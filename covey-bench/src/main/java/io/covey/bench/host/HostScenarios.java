package io.covey.bench.host;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import io.covey.bench.BenchConfig;
import io.covey.bench.child.Processes;
import io.covey.bench.report.Results;
import io.covey.bench.report.Row;
import io.covey.bench.report.Stats;

/**
 * The host service: its RSS idle and with N in-process workers, and the WebSocket fan-out of
 * events it publishes as fast as it can to several subscribers.
 */
public final class HostScenarios {
    private final BenchConfig config;
    private final Results results;
    private final Path work;

    public HostScenarios(BenchConfig config, Results results, Path work) {
        this.config = config;
        this.results = results;
        this.work = work;
    }

    public void run() throws Exception {
        int retained = Math.max(10_000, config.wsEvents() + 1_000);
        try (HostProcess host = new HostProcess(work.resolve("host.log"), Math.max(1_024, config.hostWorkers()), retained)) {
            List<Double> idle = settledRss(host.pid(), config.rssReadings());
            results.add(new Row("memory: host idle", "MiB", idle, null, Double.NaN, "≤ 250 MB", new Stats(idle).median() <= 250,
                    "Spring Boot host, no JVM flags (default heap), read 5 s after it was healthy"));
            host.put("/api/v1/groups/mem", workers(config.hostWorkers()));
            awaitRunning(host, "mem", config.hostWorkers());
            List<Double> loaded = settledRss(host.pid(), config.rssReadings());
            results.add(new Row("memory: host with " + config.hostWorkers() + " in-process workers", "MiB", loaded, null,
                    Double.NaN, "≤ 400 MB", new Stats(loaded).median() <= 400, "no-op service-style workers, all RUNNING"));
            new Fanout(config, results).run(host);
        }
    }

    private static String workers(int count) {
        StringBuilder json = new StringBuilder("{\"workers\":[");
        for (int n = 0; n < count; n++) {
            json.append(n == 0 ? "" : ",").append("{\"type\":\"NoopServiceWorker\",\"params\":{\"n\":").append(n)
                    .append(",\"variant\":0}}");
        }
        return json.append("]}").toString();
    }

    private static void awaitRunning(HostProcess host, String group, int count) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        while (System.nanoTime() < deadline) {
            String body = host.get("/api/v1/groups/" + group).body();
            if (body.split("\"state\":\"RUNNING\"", -1).length - 1 >= count) {
                return;
            }
            Thread.sleep(200);
        }
        throw new IllegalStateException("the host's " + count + " workers were not all RUNNING within 120 s");
    }

    /** Readings a second apart, after the JVM had a few seconds to settle (a smoke run takes one at once). */
    private static List<Double> settledRss(long pid, int readings) throws InterruptedException {
        if (readings > 1) {
            Thread.sleep(5_000);
        }
        List<Double> samples = new ArrayList<>();
        for (int i = 0; i < readings; i++) {
            samples.add(Processes.rssMiB(pid));
            if (i < readings - 1) {
                Thread.sleep(1_000);
            }
        }
        return samples;
    }
}
