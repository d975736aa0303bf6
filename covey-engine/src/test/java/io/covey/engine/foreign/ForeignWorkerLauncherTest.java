package io.covey.engine.foreign;

import static io.covey.engine.foreign.ForeignTestSupport.alive;
import static io.covey.engine.foreign.ForeignTestSupport.request;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import io.covey.core.json.CoveyJson;
import io.covey.core.launch.ChildLaunchSettings;
import io.covey.core.worker.StatusCall;
import io.covey.engine.ExecutorScheduler;
import io.covey.engine.foreign.workers.ExitWorker;
import io.covey.engine.foreign.workers.GreeterWorker;
import io.covey.engine.foreign.workers.SleeperWorker;
import io.covey.engine.foreign.workers.StubbornWorker;
import io.covey.engine.launch.RunExit;
import io.covey.engine.launch.StatusReport;
import io.covey.engine.launch.WorkerRun;
import tools.jackson.databind.JsonNode;

/** The launcher against real child JVMs: what arrives, how children end, and how they are made to. */
class ForeignWorkerLauncherTest {
    private final ForeignTestSupport processes = ForeignTestSupport.create();
    private final ExecutorScheduler scheduler = new ExecutorScheduler();
    private ForeignWorkerLauncher launcher = new ForeignWorkerLauncher(
            ForeignTestSupport.settings(Duration.ofSeconds(1), Duration.ofSeconds(3), Duration.ofSeconds(1)), scheduler);

    @AfterEach
    void cleanUp() {
        launcher.close();
        processes.killAll();
        scheduler.close();
    }

    private WorkerRun launch(String id, Class<?> type, Object params, RecordingCallbacks callbacks) {
        WorkerRun run = launcher.launch(request(id, type, params), callbacks);
        await().atMost(Duration.ofSeconds(10)).until(() -> run.pid() != null || callbacks.exit.isDone());
        processes.track(run);
        return run;
    }

    @Test
    void relaysStatusOutputLogsDataAndTheResult() throws Exception {
        RecordingCallbacks callbacks = new RecordingCallbacks();
        WorkerRun run = launch("greeter", GreeterWorker.class, new GreeterWorker.Params("covey", false), callbacks);

        RunExit exit = callbacks.awaitExit(Duration.ofSeconds(20));

        assertThat(exit).isEqualTo(new RunExit(null, 0, null, false));
        assertThat(callbacks.reports).containsExactly(
                StatusReport.of(StatusCall.STARTING, "warming up"),
                StatusReport.of(StatusCall.RUNNING, "ready"),
                new StatusReport(StatusCall.COMPLETED, null, CoveyJson.toTree(Map.of("greeting", "hello covey"))));
        assertThat(callbacks.lines(("stdout"))).containsExactly("hello covey from stdout", "bad\uFFFD\uFFFD");
        assertThat(callbacks.lines("stderr")).containsExactly("a warning on stderr");
        assertThat(callbacks.lines("worker")).containsExactly("a log line");
        assertThat(callbacks.data).containsExactly(CoveyJson.toTree(Map.of("n", 1)));
        assertThat(callbacks.exits).hasValue(1);
        assertThat(alive(run.pid())).isFalse();
    }

    @Test
    void aStopThatTheWorkerHonoursEndsCleanly() throws Exception {
        RecordingCallbacks callbacks = new RecordingCallbacks();
        WorkerRun run = launch("sleeper", SleeperWorker.class, null, callbacks);
        await().atMost(Duration.ofSeconds(10)).until(() -> callbacks.reported(StatusCall.RUNNING));

        run.stop(Duration.ofSeconds(10));

        assertThat(callbacks.awaitExit(Duration.ofSeconds(10))).isEqualTo(new RunExit(null, 0, null, false));
        assertThat(callbacks.reports).as("lines %s", callbacks.lines).last().isEqualTo(StatusReport.of(StatusCall.STOPPED, "woken up"));
    }

    @Test
    void aChildKilledWithSigkillIsReportedWithTheSignal() throws Exception {
        RecordingCallbacks callbacks = new RecordingCallbacks();
        WorkerRun run = launch("victim", SleeperWorker.class, null, callbacks);
        await().atMost(Duration.ofSeconds(10)).until(() -> callbacks.reported(StatusCall.RUNNING));

        ProcessHandle.of(run.pid()).orElseThrow().destroyForcibly();

        RunExit exit = callbacks.awaitExit(Duration.ofSeconds(10));
        assertThat(exit.exitCode()).isEqualTo(137);
        assertThat(exit.signal()).isEqualTo("KILL");
        assertThat(exit.failure()).startsWith("killed by signal KILL (exit code 137)");
        assertThat(exit.forced()).isFalse();
    }

    @Test
    void aNonZeroExitIsAFailureWithTheCodeAndTheLastStderrLines() throws Exception {
        RecordingCallbacks callbacks = new RecordingCallbacks();
        launch("quitter", ExitWorker.class, new ExitWorker.Params(3), callbacks);

        RunExit exit = callbacks.awaitExit(Duration.ofSeconds(20));

        assertThat(exit).isEqualTo(new RunExit("exited with code 3: exiting with 3", 3, null, false));
        assertThat(callbacks.statuses()).containsExactly(StatusCall.RUNNING);
    }

    @Test
    void theStopLadderEndsAStubbornWorkerAndEveryDescendant() throws Exception {
        RecordingCallbacks callbacks = new RecordingCallbacks();
        WorkerRun run = launch("mule", StubbornWorker.class, null, callbacks);
        await().atMost(Duration.ofSeconds(10)).until(() -> callbacks.reported(StatusCall.RUNNING));
        List<Long> pids = pids(callbacks.data.get(0));
        pids.forEach(processes::track);
        assertThat(pids).hasSize(3).allMatch(ForeignTestSupport::alive);

        run.stop(Duration.ofSeconds(1));

        RunExit exit = callbacks.awaitExit(Duration.ofSeconds(15));
        assertThat(exit.forced()).isTrue();
        assertThat(exit.signal()).isEqualTo("KILL");
        assertThat(exit.failure()).isEqualTo("the worker did not stop within 1s; sent SIGTERM, then SIGKILL after 1s");
        assertThat(pids).noneMatch(ForeignTestSupport::alive);
        assertThat(callbacks.lines("worker")).contains("not stopping", "ignoring an interrupt");
        assertThat(callbacks.lines("stdout")).contains("ignoring SIGTERM");
    }

    @Test
    void killEndsTheTreeAtOnceWithTheReason() throws Exception {
        RecordingCallbacks callbacks = new RecordingCallbacks();
        WorkerRun run = launch("mule", StubbornWorker.class, null, callbacks);
        await().atMost(Duration.ofSeconds(10)).until(() -> callbacks.reported(StatusCall.RUNNING));
        List<Long> pids = pids(callbacks.data.get(0));
        pids.forEach(processes::track);

        run.kill("start timeout");

        RunExit exit = callbacks.awaitExit(Duration.ofSeconds(5));
        assertThat(exit).isEqualTo(new RunExit("start timeout", 137, "KILL", true));
        assertThat(pids).noneMatch(ForeignTestSupport::alive);
    }

    @Test
    void killDuringAStuckStopEndsTheTreeWithinASecond() throws Exception {
        RecordingCallbacks callbacks = new RecordingCallbacks();
        WorkerRun run = launch("mule", StubbornWorker.class, null, callbacks);
        await().atMost(Duration.ofSeconds(10)).until(() -> callbacks.reported(StatusCall.RUNNING));
        List<Long> pids = pids(callbacks.data.get(0));
        pids.forEach(processes::track);
        Thread.sleep(3000); // old enough that the JDK's own watch of a non-child process polls slowly
        run.stop(Duration.ofSeconds(60));

        long asked = System.nanoTime();
        run.kill("killed on request while stopping");

        RunExit exit = callbacks.awaitExit(Duration.ofSeconds(5));
        assertThat(Duration.ofNanos(System.nanoTime() - asked)).isLessThan(Duration.ofSeconds(1));
        assertThat(exit).isEqualTo(new RunExit("killed on request while stopping", 137, "KILL", true));
        assertThat(pids).noneMatch(ForeignTestSupport::alive);
    }

    @Test
    void aQuietChildLivesOnHeartbeatsButAFrozenOneIsUnresponsiveAndKilled() throws Exception {
        RecordingCallbacks callbacks = new RecordingCallbacks();
        WorkerRun run = launch("frozen", SleeperWorker.class, null, callbacks);
        await().atMost(Duration.ofSeconds(10)).until(() -> callbacks.reported(StatusCall.RUNNING));
        // The worker says nothing after RUNNING; heartbeats (every 1s) keep it alive past the 3s limit.
        await().during(Duration.ofSeconds(4)).atMost(Duration.ofSeconds(5)).until(() -> !callbacks.exit.isDone());

        new ProcessBuilder("kill", "-STOP", Long.toString(run.pid())).start().waitFor();

        RunExit exit = callbacks.awaitExit(Duration.ofSeconds(20));
        assertThat(exit).isEqualTo(new RunExit("unresponsive: no heartbeat for 3s", 137, "KILL", true, io.covey.core.lifecycle.CrashReason.UNRESPONSIVE));
    }

    @Test
    void aStopRightAfterLaunchReachesTheChildWithItsWork() throws Exception {
        RecordingCallbacks callbacks = new RecordingCallbacks();
        WorkerRun run = launcher.launch(request("hasty", SleeperWorker.class, null), callbacks);
        run.stop(Duration.ofSeconds(10));

        assertThat(callbacks.awaitExit(Duration.ofSeconds(20))).isEqualTo(new RunExit(null, 0, null, false));
        assertThat(alive(run.pid())).isFalse();
    }

    @Test
    void aKillRightAfterLaunchEndsTheAttemptWithTheReason() throws Exception {
        RecordingCallbacks callbacks = new RecordingCallbacks();
        WorkerRun run = launcher.launch(request("doomed", SleeperWorker.class, null), callbacks);
        run.kill("changed my mind");

        RunExit exit = callbacks.awaitExit(Duration.ofSeconds(20));
        assertThat(exit.failure()).isEqualTo("changed my mind");
        assertThat(exit.forced()).isTrue();
        assertThat(callbacks.reports).isEmpty();
        if (run.pid() != null) {
            assertThat(alive(run.pid())).isFalse();
        }
    }

    @Test
    void theChildJvmBootsNoSpring() throws Exception {
        launcher.close();
        List<String> options = new ArrayList<>(ChildLaunchSettings.DEFAULT_JVM_OPTIONS);
        options.add("-Xlog:class+load:stdout");
        launcher = new ForeignWorkerLauncher(ForeignTestSupport.withJava(ChildLaunchSettings.defaults(), null, options), scheduler);
        RecordingCallbacks callbacks = new RecordingCallbacks() {
            @Override
            public void log(String stream, String line) {
                if (line.contains("org.springframework")) {
                    super.log("spring", line);
                }
                super.log(stream, line);
            }
        };
        launch("lean", GreeterWorker.class, new GreeterWorker.Params("lean", false), callbacks);

        assertThat(callbacks.awaitExit(Duration.ofSeconds(20))).isEqualTo(new RunExit(null, 0, null, false));
        assertThat(callbacks.lineCount("stdout")).as("class loading was logged").isGreaterThan(500);
        assertThat(callbacks.lineCount("spring")).isZero();
    }

    @Test
    void worksOverLoopbackTcpToo() throws Exception {
        launcher.close();
        launcher = new ForeignWorkerLauncher(ForeignTestSupport.withTransport(ChildLaunchSettings.defaults(),
                ChildLaunchSettings.Transport.TCP), scheduler);
        RecordingCallbacks callbacks = new RecordingCallbacks();
        launch("greeter", GreeterWorker.class, new GreeterWorker.Params("tcp", false), callbacks);

        assertThat(callbacks.awaitExit(Duration.ofSeconds(20))).isEqualTo(new RunExit(null, 0, null, false));
        assertThat(callbacks.statuses()).containsExactly(StatusCall.STARTING, StatusCall.RUNNING, StatusCall.COMPLETED);
        assertThat(launcher.controlAddress().text()).startsWith("tcp:127.0.0.1:");
    }

    private static List<Long> pids(JsonNode data) {
        List<Long> pids = new ArrayList<>();
        data.get("pids").forEach(pid -> pids.add(pid.asLong()));
        return pids;
    }
}
