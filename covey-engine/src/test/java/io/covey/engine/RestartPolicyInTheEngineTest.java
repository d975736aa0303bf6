package io.covey.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import io.covey.core.event.EventFilter;
import io.covey.core.lifecycle.WorkerState;
import io.covey.core.spec.RestartPolicy;
import io.covey.core.spec.WorkerSpec;

/** The restart policy as the engine applies it, with time under the test's control. */
class RestartPolicyInTheEngineTest {
    private final ManualClock clock = new ManualClock(Instant.parse("2026-11-23T00:00:00Z"));
    private final ManualScheduler scheduler = new ManualScheduler(clock);
    private final CoveyManager manager = CoveyManager.builder(TestManagers.MANIFEST)
            .settings(ManagerSettings.defaults().withWorkerDefaults(TestManagers.IN_PROCESS))
            .clock(clock).scheduler(scheduler).random(() -> 0.5).build();

    @AfterEach
    void close() {
        manager.close();
    }

    @Test
    void crashesBackOffThenFailOnTheTenthAndAManualRestartStartsOver() {
        RecordingListener events = new RecordingListener();
        manager.subscribe(EventFilter.worker("crasher"), events);
        manager.runGroup("g", List.of(new WorkerSpec("CrashingWorker", "crasher", null, null)));

        // The first crash restarts at once, so attempt 2 is the first to wait.
        for (int crash = 2; crash <= 9; crash++) {
            int attempt = crash;
            await().until(() -> manager.worker("crasher").state() == WorkerState.BACKOFF && manager.worker("crasher").attempt() == attempt);
            assertThat(scheduler.pendingDelays()).contains(expectedDelay(crash));
            scheduler.advance(Duration.ofSeconds(61));
        }
        await().until(() -> manager.worker("crasher").state() == WorkerState.FAILED);
        assertThat(manager.worker("crasher").attempt()).isEqualTo(10);
        assertThat(manager.worker("crasher").message()).contains("crashed 10 times within 10m");
        assertThat(events.states("crasher")).containsSubsequence(WorkerState.CRASHED, WorkerState.FAILED);
        assertThat(events.lifecycle("crasher").stream().filter(e -> e.state() == WorkerState.BACKOFF).map(e -> e.message()).toList())
                .startsWith("restarting now", "restarting in 1s", "restarting in 2s", "restarting in 4s");

        manager.restartWorker("crasher");
        // Counts start over: the crash of attempt 11 restarts at once, the one of attempt 12 waits 1 s.
        await().until(() -> manager.worker("crasher").attempt() == 12 && manager.worker("crasher").state() == WorkerState.BACKOFF);
        assertThat(manager.worker("crasher").message()).isEqualTo("restarting in 1s");
        assertThat(events.lifecycle("crasher").stream()
                .filter(e -> e.attempt() == 11 && e.state() == WorkerState.BACKOFF).map(e -> e.message()).toList())
                .containsExactly("restarting now");
    }

    private static Duration expectedDelay(int crash) {
        return Duration.ofSeconds(Math.min(60, 1L << (crash - 2)));
    }

    @Test
    void restartNeverLeavesTheWorkerCrashedAndAlwaysRestartsCompletedJobs() {
        manager.runGroup("g", List.of(
                new WorkerSpec("CrashingWorker", "once", null, TestManagers.IN_PROCESS.withRestart(RestartPolicy.NEVER)),
                WorkerSpec.of("CountdownJob", java.util.Map.of("from", 1)).withId("again").withOptions(TestManagers.IN_PROCESS.withRestart(RestartPolicy.ALWAYS))));

        await().until(() -> manager.worker("once").state() == WorkerState.CRASHED);
        await().until(() -> manager.worker("again").attempt() >= 2);
        assertThat(manager.worker("once").attempt()).isEqualTo(1);
    }

    @Test
    void aWorkerThatDoesNotReportRunningInTimeCrashesWithTheReason() {
        manager.runGroup("g", List.of(new WorkerSpec("SilentWorker", "slow", null,
                TestManagers.IN_PROCESS.withStartTimeout(Duration.ofSeconds(5)).withRestart(RestartPolicy.NEVER))));
        await().until(() -> manager.worker("slow").state() == WorkerState.STARTING);
        scheduler.advance(Duration.ofSeconds(4));
        assertThat(manager.worker("slow").state()).isEqualTo(WorkerState.STARTING);
        scheduler.advance(Duration.ofSeconds(1));
        await().until(() -> manager.worker("slow").state() == WorkerState.CRASHED);
        assertThat(manager.worker("slow").message()).isEqualTo("did not report running within 5s (start timeout)");
    }
}
