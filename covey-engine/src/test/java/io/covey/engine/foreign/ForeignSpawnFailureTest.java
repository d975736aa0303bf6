package io.covey.engine.foreign;

import static io.covey.engine.foreign.ForeignTestSupport.request;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.File;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.covey.engine.ExecutorScheduler;
import io.covey.engine.foreign.workers.GreeterWorker;
import io.covey.engine.foreign.workers.SleeperWorker;
import io.covey.engine.launch.RunExit;
import io.covey.child.ChildMain;
import io.covey.core.launch.ChildLaunchSettings;

/** Children that cannot start: each is reported with its reason, and the host keeps nothing of them. */
class ForeignSpawnFailureTest {
    private static final int SPAWNS = 200;
    private static final int WAVE = 10;

    private final ExecutorScheduler scheduler = new ExecutorScheduler();
    private final List<ForeignWorkerLauncher> launchers = new ArrayList<>();

    @TempDir
    Path dir;

    @AfterEach
    void cleanUp() {
        launchers.forEach(ForeignWorkerLauncher::close);
        scheduler.close();
    }

    private ForeignWorkerLauncher launcher(ChildLaunchSettings settings) {
        ForeignWorkerLauncher launcher = new ForeignWorkerLauncher(settings, scheduler);
        launchers.add(launcher);
        return launcher;
    }

    private ChildLaunchSettings base() {
        return new ChildLaunchSettings(null, null, null, null, null, null, dir.resolve("sockets"), null, null, null, null, 0);
    }

    @Test
    void twoHundredFailedSpawnsAreReportedWithTheirReasonsAndLeakNothing() throws Exception {
        Files.createDirectories(dir.resolve("empty"));
        List<ForeignWorkerLauncher> kinds = List.of(
                launcher(ForeignTestSupport.withJava(base(), Path.of("/nonexistent/bin/java"), null)),
                launcher(ForeignTestSupport.withJava(base(), null, List.of("-XX:+NoSuchOption"))),
                launcher(ForeignTestSupport.withClassPath(base(), List.of(dir.resolve("empty").toString()))));
        List<String> expected = List.of(
                "cannot start the child JVM: Cannot run program \"/nonexistent/bin/java\"",
                "exited with code 1 before the handshake: Unrecognized VM option 'NoSuchOption'",
                "exited with code 1 before the handshake: Error: Could not find or load main class " + ChildMain.class.getName());

        runWave(kinds, expected, 0, WAVE); // warms up: control sockets, thread pools, classes
        long fds = ForeignTestSupport.openFileDescriptors();
        int threads = ManagementFactory.getThreadMXBean().getThreadCount();

        for (int start = 0; start < SPAWNS; start += WAVE) {
            runWave(kinds, expected, start, WAVE);
        }

        assertThat(kinds).allMatch(launcher -> launcher.liveRuns().isEmpty());
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
            assertThat(ForeignTestSupport.openFileDescriptors()).isLessThanOrEqualTo(fds);
            assertThat(ManagementFactory.getThreadMXBean().getThreadCount()).as(this::threadNames).isLessThanOrEqualTo(threads);
        });
        System.out.printf("after %d failed spawns: fds %d -> %d, threads %d -> %d%n", SPAWNS, fds,
                ForeignTestSupport.openFileDescriptors(), threads, ManagementFactory.getThreadMXBean().getThreadCount());
        kinds.forEach(ForeignWorkerLauncher::close);
        try (var left = Files.list(dir.resolve("sockets"))) {
            assertThat(left).as("control socket directories left behind").isEmpty();
        }
    }

    private void runWave(List<ForeignWorkerLauncher> kinds, List<String> expected, int start, int size) throws Exception {
        List<RecordingCallbacks> callbacks = new ArrayList<>();
        for (int i = start; i < start + size; i++) {
            RecordingCallbacks recording = new RecordingCallbacks();
            kinds.get(i % 3).launch(request("fail-" + i, SleeperWorker.class, null), recording);
            callbacks.add(recording);
        }
        for (int i = 0; i < size; i++) {
            RunExit exit = callbacks.get(i).awaitExit(Duration.ofSeconds(30));
            assertThat(exit.failure()).as("spawn %d", start + i).startsWith(expected.get((start + i) % 3));
            assertThat(exit.forced()).isFalse();
            assertThat(callbacks.get(i).exits).hasValue(1);
        }
    }

    private String threadNames() {
        return Arrays.toString(Thread.getAllStackTraces().keySet().stream().map(Thread::getName).sorted().toArray());
    }

    @Test
    void aWorkerClassMissingFromTheChildsClassPathIsReportedByTheChild() throws Exception {
        List<String> withoutTestClasses = new ArrayList<>();
        for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
            if (!entry.endsWith("test-classes")) {
                withoutTestClasses.add(entry);
            }
        }
        withoutTestClasses.addAll(manifestClassPath());
        ForeignWorkerLauncher launcher = launcher(ForeignTestSupport.withClassPath(base(), withoutTestClasses));
        RecordingCallbacks callbacks = new RecordingCallbacks();

        launcher.launch(request("lost", GreeterWorker.class, new GreeterWorker.Params("x", false)), callbacks);

        RunExit exit = callbacks.awaitExit(Duration.ofSeconds(20));
        assertThat(exit.failure()).isEqualTo("the worker class " + GreeterWorker.class.getName()
                + " is not on the child's class path (java.lang.ClassNotFoundException: " + GreeterWorker.class.getName() + ")");
        assertThat(exit.exitCode()).isEqualTo(1);
        assertThat(callbacks.reports).isEmpty();
    }

    /** Surefire may start tests with a manifest-only jar; its Class-Path holds the real entries. */
    private static List<String> manifestClassPath() throws Exception {
        List<String> entries = new ArrayList<>();
        for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
            if (entry.endsWith(".jar") && entry.contains("surefire")) {
                try (var jar = new java.util.jar.JarFile(entry)) {
                    String classPath = jar.getManifest() == null ? null : jar.getManifest().getMainAttributes().getValue("Class-Path");
                    if (classPath != null) {
                        for (String url : classPath.split(" ")) {
                            Path path = Path.of(new java.net.URI(url));
                            if (!path.toString().endsWith("test-classes")) {
                                entries.add(path.toString());
                            }
                        }
                    }
                }
            }
        }
        return entries;
    }
}
