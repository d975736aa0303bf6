package io.covey.engine.foreign;

import java.io.File;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import io.covey.core.launch.ChildLaunchSettings;
import io.covey.core.worker.StatusCall;
import io.covey.engine.ExecutorScheduler;
import io.covey.engine.foreign.workers.SleeperWorker;
import io.covey.engine.launch.StatusReport;
import io.covey.engine.launch.WorkerRun;

/**
 * Not a test: measures how long a foreign worker takes from launch() to RUNNING, against a bare
 * child JVM (same java, flags and class path) that connects to a loopback socket and sends one
 * line; and the resident memory of each once it is up. Run with the test class path:
 * {@code java -cp <test class path> io.covey.engine.foreign.SpawnBenchmark [rounds]}.
 */
public final class SpawnBenchmark {
    private SpawnBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 15;
        // -Dbench.jvmOptions="-XX:SharedArchiveFile=..." adds options to both children, e.g. to try AppCDS.
        List<String> jvmOptions = new ArrayList<>(ChildLaunchSettings.DEFAULT_JVM_OPTIONS);
        String extra = System.getProperty("bench.jvmOptions", "").trim();
        if (!extra.isEmpty()) {
            jvmOptions.addAll(List.of(extra.split("\\s+")));
        }
        ChildLaunchSettings settings = new ChildLaunchSettings(null, jvmOptions, null, null, null, null, null, null, null, null, null, 0);
        List<Double> foreign = new ArrayList<>();
        List<Double> hello = new ArrayList<>();
        List<Double> bare = new ArrayList<>();
        List<Long> foreignRss = new ArrayList<>();
        List<Long> bareRss = new ArrayList<>();
        try (ExecutorScheduler scheduler = new ExecutorScheduler()) {
            ForeignWorkerLauncher launcher = new ForeignWorkerLauncher(settings, scheduler);
            for (int i = -2; i < rounds; i++) { // two warm-up rounds for the host's side
                long[] rss = new long[1];
                double[] helloMillis = new double[1];
                double foreignMillis = foreignRound(launcher, i, rss, helloMillis);
                long[] bareRssOut = new long[1];
                double bareMillis = bareRound(settings, bareRssOut);
                if (i >= 0) {
                    foreign.add(foreignMillis);
                    hello.add(helloMillis[0]);
                    bare.add(bareMillis);
                    foreignRss.add(rss[0]);
                    bareRss.add(bareRssOut[0]);
                }
            }
            launcher.close();
        }
        System.out.printf("rounds: %d, java %s, flags %s%n", rounds, System.getProperty("java.version"), settings.jvmOptions());
        System.out.printf("foreign worker, launch() to RUNNING: median %.1f ms (min %.1f, max %.1f)%n",
                median(foreign), Collections.min(foreign), Collections.max(foreign));
        System.out.printf("foreign worker, spawn to its hello on the control socket: median %.1f ms (min %.1f, max %.1f)%n",
                median(hello), Collections.min(hello), Collections.max(hello));
        System.out.printf("bare java -cp child, start() to one line on loopback: median %.1f ms (min %.1f, max %.1f)%n",
                median(bare), Collections.min(bare), Collections.max(bare));
        System.out.printf("RSS of a running no-op foreign worker: median %d KiB; of the bare child: median %d KiB%n",
                medianLong(foreignRss), medianLong(bareRss));
        // The two warm-up rounds are dropped here as above.
        List<Long> cpu = CPU.subList(2, CPU.size());
        List<Long> bareCpu = BARE_CPU.subList(2, BARE_CPU.size());
        System.out.printf("CPU (user + system) of the foreign child until RUNNING: median %d ms %s; of the bare child"
                + " until its line: median %d ms %s%n", medianLong(cpu), cpu, medianLong(bareCpu), bareCpu);
    }

    private static final List<Long> CPU = new ArrayList<>();
    private static final List<Long> BARE_CPU = new ArrayList<>();

    /** User + system time of a process so far, from /proc (clock ticks of 10 ms). */
    private static long cpuMillis(long pid) throws IOException {
        String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
        String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        return (Long.parseLong(fields[11]) + Long.parseLong(fields[12])) * 10;
    }

    private static double foreignRound(ForeignWorkerLauncher launcher, int round, long[] rss, double[] hello) throws Exception {
        CompletableFuture<Long> running = new CompletableFuture<>();
        RecordingCallbacks timing = new RecordingCallbacks() {
            @Override
            public void reported(StatusReport report) {
                if (report.status() == StatusCall.RUNNING) {
                    running.complete(System.nanoTime());
                }
                super.reported(report);
            }
        };
        long start = System.nanoTime();
        WorkerRun run = launcher.launch(ForeignTestSupport.request("bench-" + (round + 2), SleeperWorker.class, null), timing);
        long end = running.get(30, TimeUnit.SECONDS);
        rss[0] = rssKiB(run.pid());
        CPU.add(cpuMillis(run.pid()));
        hello[0] = ((ForeignRun) run).spawnToHello().toNanos() / 1e6;
        run.stop(Duration.ofSeconds(5));
        timing.awaitExit(Duration.ofSeconds(10));
        return (end - start) / 1e6;
    }

    private static double bareRound(ChildLaunchSettings settings, long[] rss) throws Exception {
        try (ServerSocket server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            List<String> command = new ArrayList<>();
            command.add(ChildCommand.javaBinary(settings).toString());
            command.addAll(settings.jvmOptions());
            command.add("-cp");
            command.add(String.join(File.pathSeparator, ChildClassPath.of(settings, List.of(BareChild.class))));
            command.add(BareChild.class.getName());
            command.add(Integer.toString(server.getLocalPort()));
            long start = System.nanoTime();
            Process process = new ProcessBuilder(command).redirectOutput(ProcessBuilder.Redirect.DISCARD)
                    .redirectError(ProcessBuilder.Redirect.DISCARD).start();
            try (Socket socket = server.accept()) {
                int b;
                while ((b = socket.getInputStream().read()) != '\n' && b >= 0) {
                    // the line
                }
                long end = System.nanoTime();
                rss[0] = rssKiB(process.pid());
                BARE_CPU.add(cpuMillis(process.pid()));
                socket.close();
                process.waitFor(10, TimeUnit.SECONDS);
                return (end - start) / 1e6;
            } finally {
                process.destroyForcibly();
            }
        }
    }

    private static long rssKiB(long pid) throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc/" + pid + "/status"))) {
            if (line.startsWith("VmRSS:")) {
                return Long.parseLong(line.replaceAll("[^0-9]", ""));
            }
        }
        return -1;
    }

    private static double median(List<Double> values) {
        List<Double> sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        int n = sorted.size();
        return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
    }

    private static long medianLong(List<Long> values) {
        List<Long> sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        return sorted.get(sorted.size() / 2);
    }
}
