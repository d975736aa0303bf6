package io.covey.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import io.covey.core.api.LogLine;
import io.covey.core.event.EventFilter;
import io.covey.core.event.LifecycleEvent;
import io.covey.core.lifecycle.WorkerState;
import io.covey.core.manifest.CoveyManifest;
import io.covey.core.spec.WorkerOptions;
import io.covey.engine.testworkers.LeakingWorker;

/**
 * What an in-process worker can do to its host that Covey cannot prevent, only report: threads it
 * leaves running after it stopped, and System.exit, whose caller the log names.
 */
class InProcessHostileTest {
    private final CoveyManager manager = CoveyManager.builder(CoveyManifest.of(LeakingWorker.class)).noForeignChildren().build();

    @AfterEach
    void close() {
        LeakingWorker.RELEASE.countDown();
        manager.close();
    }

    @Test
    void threadsAWorkerLeftRunningAreCountedInItsStopEventAndReported() {
        RecordingListener events = new RecordingListener();
        manager.subscribe(EventFilter.worker("leaker"), events);
        manager.runGroup("g", List.of(new LeakingWorker().setId("leaker").setOptions(WorkerOptions.NONE.withForeign(false))));
        await().until(() -> manager.worker("leaker").state() == WorkerState.RUNNING);

        manager.stopGroup("g");

        await().until(() -> manager.worker("leaker").state() == WorkerState.STOPPED);
        LifecycleEvent stopped = events.events().stream().filter(e -> e instanceof LifecycleEvent l && l.state() == WorkerState.STOPPED)
                .map(LifecycleEvent.class::cast).findFirst().orElseThrow();
        assertThat(stopped.message()).endsWith("(3 threads it started still running)");
        assertThat(stopped.forced()).isFalse();
        assertThat(manager.threadsLeftRunning()).containsEntry("leaker", 3);
        assertThat(manager.logs("leaker", 20)).extracting(LogLine::line)
                .anyMatch(line -> line.startsWith("3 threads this worker started still run after its attempt ended: [leaked-1, leaked-2, leaked-3]"));
    }

    @Test
    void systemExitInAnInProcessWorkerNamesTheWorkerAndItsStackBeforeTheHostGoesDown() throws Exception {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), ExitingHostMain.class.getName()));
        Process host = new ProcessBuilder(command).redirectErrorStream(true).start();
        try {
            ByteArrayOutputStream output = new ByteArrayOutputStream();
            Thread reader = new Thread(() -> {
                try {
                    host.getInputStream().transferTo(output);
                } catch (java.io.IOException ignored) {
                    // the process ended
                }
            });
            reader.start();
            assertThat(host.waitFor(30, TimeUnit.SECONDS)).isTrue();
            reader.join(Duration.ofSeconds(5).toMillis());
            String log = output.toString(StandardCharsets.UTF_8);
            assertThat(host.exitValue()).isEqualTo(3);
            assertThat(log).contains("the JVM is exiting: thread 'covey-worker-exiter#1' (an in-process worker: exiter#1) called System.exit:")
                    .contains(ExitingHostMain.Exiter.class.getName() + ".runWorker(ExitingHostMain.java")
                    .contains("in-process workers running as the JVM exits: bystander#1, exiter#1");
        } finally {
            host.destroyForcibly();
        }
    }
}
