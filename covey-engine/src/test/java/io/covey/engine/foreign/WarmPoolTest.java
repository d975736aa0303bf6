package io.covey.engine.foreign;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import io.covey.core.launch.ChildLaunchSettings;
import io.covey.core.protocol.ChildEnvironment;
import io.covey.core.worker.StatusCall;
import io.covey.engine.ExecutorScheduler;
import io.covey.engine.foreign.workers.GreeterWorker;
import io.covey.engine.foreign.workers.SleeperWorker;
import io.covey.engine.launch.RunExit;
import io.covey.engine.launch.WorkerRun;
import tools.jackson.databind.JsonNode;

/** The warm pool with real child JVMs: a waiting child runs one worker once, and the pool refills. */
class WarmPoolTest {
    private static final Duration CHILD_START = Duration.ofSeconds(20);

    private final ForeignTestSupport processes = ForeignTestSupport.create();
    private final ExecutorScheduler scheduler = new ExecutorScheduler();
    private ForeignWorkerLauncher launcher;

    @AfterEach
    void cleanUp() {
        if (launcher != null) {
            launcher.close();
        }
        scheduler.close();
        processes.killAll();
    }

    private ForeignWorkerLauncher launcher(int size, Duration idleLimit) {
        ChildLaunchSettings settings = ForeignTestSupport.settings(Duration.ofSeconds(1), Duration.ofSeconds(15), Duration.ofSeconds(1))
                .withWarmPool(new ChildLaunchSettings.WarmPool(size, idleLimit));
        launcher = new ForeignWorkerLauncher(settings, scheduler);
        launcher.prestart();
        return launcher;
    }

    private List<Long> awaitWaiting(int count) {
        await().atMost(CHILD_START).until(() -> launcher.waitingChildPids().size() == count);
        List<Long> pids = launcher.waitingChildPids();
        pids.forEach(processes::track);
        return pids;
    }

    @Test
    void aStartTakesAWaitingChildThatNeverRunsASecondWorker() throws Exception {
        launcher(1, Duration.ZERO);
        long warm = awaitWaiting(1).get(0);

        RecordingCallbacks first = new RecordingCallbacks();
        WorkerRun run = launcher.launch(ForeignTestSupport.request("first", GreeterWorker.class,
                new GreeterWorker.Params("warm", false)), first);
        processes.track(run);

        assertThat(run.pid()).isEqualTo(warm);
        RunExit exit = first.awaitExit(Duration.ofSeconds(20));
        assertThat(exit.failure()).isNull();
        assertThat(first.statuses()).contains(StatusCall.RUNNING, StatusCall.COMPLETED);
        assertThat(first.lines("stdout")).contains("hello warm from stdout");
        assertThat(first.lines("stderr")).contains("a warning on stderr");
        assertThat(ForeignTestSupport.alive(warm)).isFalse();

        long refilled = awaitWaiting(1).get(0);
        assertThat(refilled).isNotEqualTo(warm);
        RecordingCallbacks second = new RecordingCallbacks();
        WorkerRun next = launcher.launch(ForeignTestSupport.request("second", SleeperWorker.class, null), second);
        processes.track(next);
        assertThat(next.pid()).isEqualTo(refilled);
        await().atMost(Duration.ofSeconds(10)).until(() -> second.reported(StatusCall.RUNNING));
        next.stop(Duration.ofSeconds(5));
        assertThat(second.awaitExit(Duration.ofSeconds(10)).failure()).isNull();
        assertThat(launcher.warmPoolStats().hits()).isEqualTo(2);
    }

    @Test
    void waitingChildrenAreToldTheManifestsWorkerClassesAndTakeParamsOfAnySize() throws Exception {
        ChildLaunchSettings settings = ForeignTestSupport.settings(Duration.ofSeconds(1), Duration.ofSeconds(15), Duration.ofSeconds(1))
                .withWarmPool(new ChildLaunchSettings.WarmPool(2, Duration.ZERO));
        launcher = new ForeignWorkerLauncher(settings, scheduler);
        launcher.prepareFor(ForeignTestSupport.MANIFEST);
        launcher.prestart();
        List<Long> waiting = awaitWaiting(2);
        for (long pid : waiting) {
            String environment = Files.readString(Path.of("/proc/" + pid + "/environ")).replace('\0', '\n');
            assertThat(environment).contains(ChildEnvironment.WARM_CLASSES + "=").contains(GreeterWorker.class.getName());
        }

        // Params too large to be sent on the caller's thread go through the child's connection thread.
        String longName = "x".repeat(ControlSession.SEND_NOW_LIMIT + 1000);
        for (String name : List.of("short", longName)) {
            RecordingCallbacks callbacks = new RecordingCallbacks();
            WorkerRun run = launcher.launch(ForeignTestSupport.request(name.substring(0, 5), GreeterWorker.class,
                    new GreeterWorker.Params(name, false)), callbacks);
            processes.track(run);
            assertThat(waiting).contains(run.pid());
            assertThat(callbacks.awaitExit(Duration.ofSeconds(20)).failure()).isNull();
            JsonNode result = callbacks.reports.stream().filter(r -> r.status() == StatusCall.COMPLETED).findFirst()
                    .orElseThrow().result();
            assertThat(result.get("greeting").asString()).isEqualTo("hello " + name);
        }
    }

    @Test
    void withNoChildWaitingAStartIsColdAndThePoolFillsBehindIt() throws Exception {
        launcher = new ForeignWorkerLauncher(ChildLaunchSettings.defaults(), scheduler); // not prestarted

        RecordingCallbacks cold = new RecordingCallbacks();
        WorkerRun run = launcher.launch(ForeignTestSupport.request("cold", SleeperWorker.class, null), cold);
        await().atMost(CHILD_START).until(() -> run.pid() != null);
        processes.track(run);

        await().atMost(CHILD_START).until(() -> cold.reported(StatusCall.RUNNING));
        assertThat(awaitWaiting(2)).doesNotContain(run.pid());
        assertThat(launcher.warmPoolStats().misses()).isEqualTo(1);
        assertThat(launcher.liveRuns()).containsExactly(run); // waiting children are no workers
    }

    @Test
    void aWaitingChildThatDiesOrWaitsTooLongIsReplaced() {
        launcher(1, Duration.ofSeconds(2));
        long first = awaitWaiting(1).get(0);

        ProcessHandle.of(first).ifPresent(ProcessHandle::destroyForcibly);
        await().atMost(CHILD_START).until(() -> !launcher.waitingChildPids().isEmpty()
                && !launcher.waitingChildPids().contains(first));
        long second = awaitWaiting(1).get(0);

        await().atMost(CHILD_START).until(() -> !launcher.waitingChildPids().isEmpty()
                && !launcher.waitingChildPids().contains(second));
        awaitWaiting(1);
        assertThat(launcher.warmPoolStats().retired()).isPositive();
        await().atMost(Duration.ofSeconds(5)).until(() -> !ForeignTestSupport.alive(second));
    }

    @Test
    void closingTheLauncherKillsEveryWaitingChild() {
        launcher(2, Duration.ZERO);
        List<Long> waiting = awaitWaiting(2);

        launcher.close();

        assertThat(waiting).noneMatch(ForeignTestSupport::alive);
        assertThat(launcher.waitingChildPids()).isEmpty();
    }
}
