package io.covey.bench.foreign;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

import io.covey.bench.child.BenchChild;
import io.covey.bench.child.Processes;
import io.covey.bench.child.ReadyListener;
import io.covey.bench.report.Results;
import io.covey.bench.report.Row;
import io.covey.bench.report.Stats;

/**
 * Where a foreign worker's spawn time goes: one Covey child and one bare child with
 * {@code -Xlog:class+load} (uptime-stamped), read as timelines; then Covey with an AppCDS
 * archive of its child's classes, to show how much of the gap is class loading.
 */
final class SpawnBreakdown {
    private final Results results;
    private final Path work;
    private final int rounds;

    SpawnBreakdown(Results results, Path work, int rounds) {
        this.results = results;
        this.work = work;
        this.rounds = rounds;
    }

    void run(ReadyListener listener) throws Exception {
        Path logs = Files.createDirectories(work.resolve("class-load"));
        String xlog = "-Xlog:class+load:file=" + logs + "/child-%p.log:uptime";
        List<Double> coveyCpu = new ArrayList<>();
        List<Double> bareCpu = new ArrayList<>();
        List<Double> bareRss = new ArrayList<>();
        try (CoveyProbe probe = new CoveyProbe(work.resolve("covey-probe-xlog.log"), xlog)) {
            for (int round = 0; round < rounds; round++) {
                coveyCpu.add(CoveyRound.run(probe, listener, "xlog" + round, 1, false).childCpuMillis());
                Process bare = new ProcessBuilder(bareCommand(listener, xlog.replace("child-%p", "bare-%p"))).start();
                listener.await(1, java.time.Duration.ofMinutes(1));
                bareCpu.add(Processes.cpuMillis(bare.pid()));
                bareRss.add(Processes.rssMiB(bare.pid()));
                bare.destroyForcibly().waitFor();
                listener.closeConnections();
            }
        }
        results.add(new Row("breakdown: CPU a child used until RUNNING (Covey) / ready (bare)", "ms", coveyCpu, "bare child",
                new Stats(bareCpu).median(), null, null, "user + system time from /proc; bare samples: " + Results.list(bareCpu)));
        results.add(new Row("breakdown: RSS of the bare child once ready", "MiB", bareRss, null, Double.NaN, null, null,
                "the floor for the no-op foreign child's 64 MB target"));
        timeline(newest(logs, "child-"), newest(logs, "bare-"));
        appCds(listener);
    }

    private static List<String> bareCommand(ReadyListener listener, String xlog) {
        List<String> command = Processes.javaCommand(BenchChild.class.getName(), Integer.toString(listener.port()));
        command.add(1, xlog);
        return command;
    }

    private void timeline(Path covey, Path bare) throws Exception {
        ClassLoadLog c = ClassLoadLog.read(covey);
        ClassLoadLog b = ClassLoadLog.read(bare);
        results.note("class loading, bare child: " + b.summary() + "; main class at " + ms(b.firstAt(n -> n.equals(BenchChild.class.getName())))
                + " ms of JVM uptime, last class at " + ms(b.lastAt()) + " ms");
        results.note("class loading, Covey child: " + c.summary() + "; JVM uptime (ms) at: ChildMain "
                + ms(c.firstAt(n -> n.equals("io.covey.child.ChildMain")))
                + ", its first Unix-domain socket class " + ms(c.firstAt(n -> n.contains("UnixDomain")))
                + ", CoveyJson (databind's first use: binding the params) " + ms(c.firstAt(n -> n.equals("io.covey.core.json.CoveyJson")))
                + ", the first control message parsed " + ms(c.firstAt(n -> n.startsWith("io.covey.core.protocol.ControlMessage$")))
                + ", ChildWorkerRun " + ms(c.firstAt(n -> n.equals("io.covey.child.ChildWorkerRun")))
                + ", the worker class " + ms(c.firstAt(n -> n.endsWith(".ConnectBackWorker")))
                + ", last class " + ms(c.lastAt()));
    }

    /** Dumps the classes a Covey child loads into a dynamic AppCDS archive, then measures spawns with it. */
    private void appCds(ReadyListener listener) throws Exception {
        Path archive = work.resolve("covey-child.jsa");
        Files.deleteIfExists(archive);
        try (CoveyProbe probe = new CoveyProbe(work.resolve("covey-probe-cds-dump.log"), "-XX:ArchiveClassesAtExit=" + archive)) {
            CoveyRound.run(probe, listener, "cdsdump", 1, false); // the child exits normally when nuked: the archive is written
        }
        if (!Files.exists(archive)) {
            results.note("AppCDS: the archive was not written; no figure");
            return;
        }
        List<Double> withCds = new ArrayList<>();
        List<Double> floor = new ArrayList<>();
        try (CoveyProbe probe = new CoveyProbe(work.resolve("covey-probe-cds.log"), "-XX:SharedArchiveFile=" + archive)) {
            for (int round = -1; round < rounds; round++) {
                double f = Floor.spawn(listener, 1);
                double c = CoveyRound.run(probe, listener, "cds" + (round + 1), 1, false).allRunningMillis();
                if (round >= 0) {
                    floor.add(f);
                    withCds.add(c);
                }
            }
        }
        double floorMedian = new Stats(floor).median();
        results.add(new Row("foreign: one worker, runGroup to RUNNING, child with an AppCDS archive (experiment)", "ms", withCds,
                "floor x1 (these rounds)", floorMedian, null, null,
                "-XX:SharedArchiveFile of the child's classes (dumped with -XX:ArchiveClassesAtExit); not Covey's default"));
    }

    private static Path newest(Path dir, String prefix) throws Exception {
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(p -> p.getFileName().toString().startsWith(prefix))
                    .max((a, b) -> Long.compare(a.toFile().lastModified(), b.toFile().lastModified())).orElseThrow();
        }
    }

    private static String ms(double value) {
        return Double.isNaN(value) ? "n/a" : String.format(Locale.ROOT, "%.0f", value);
    }
}
