package io.covey.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;

import io.covey.core.event.LifecycleEvent;
import io.covey.core.lifecycle.CrashReason;
import io.covey.core.lifecycle.WorkerState;
import io.covey.core.spec.ByteSize;
import io.covey.core.spec.RestartPolicy;
import io.covey.core.spec.WorkerOptions;
import io.covey.core.spec.WorkerSpec;
import io.covey.core.worker.StatusCall;
import io.covey.engine.launch.ResourceUsage;
import io.covey.engine.launch.RunExit;

/**
 * Failure rules and the deadline, on the manual clock: what no restart mends ends FAILED at once,
 * and a run that takes longer than its deadline is stopped and FAILED, however many attempts it took.
 */
class WorkerLimitsTest {
    private final EngineHarness engine = new EngineHarness();

    private static WorkerSpec silent(String id, WorkerOptions options) {
        return new WorkerSpec("SilentWorker", id, null, options);
    }

    private void running(WorkerSpec spec) {
        engine.runGroup("g", spec);
        engine.run(spec.effectiveId()).report(StatusCall.RUNNING, "up");
        engine.settle();
    }

    private LifecycleEvent crash(String id) {
        return engine.lifecycle(id).stream().filter(event -> event.state() == WorkerState.CRASHED).reduce((a, b) -> b)
                .orElseThrow();
    }

    @Test
    void failedIsFailedAtOnceWithoutARestartWhateverThePolicy() {
        running(silent("w", TestManagers.IN_PROCESS.withRestart(RestartPolicy.ALWAYS)));

        engine.run("w").report(StatusCall.FAILED, "no such account: 42").exitNormally();
        engine.settle();
        engine.advance(Duration.ofMinutes(5));

        assertThat(engine.worker("w").state()).isEqualTo(WorkerState.FAILED);
        assertThat(engine.worker("w").message()).isEqualTo("failed: no such account: 42; not restarted");
        assertThat(crash("w").crashReason()).isEqualTo(CrashReason.FAILED);
        assertThat(engine.launcher.runs("w")).hasSize(1);
        assertThat(engine.engine.requireSlot("w").resultView()).isCompletedExceptionally();
    }

    @Test
    void anExitCodeOfNoRestartExitCodesIsFailedAtOnceAndAnotherIsRestarted() {
        WorkerOptions options = TestManagers.IN_PROCESS.withNoRestartExitCodes(List.of(2, 78));
        running(silent("w", options));

        engine.run("w").exit(new RunExit("exited with code 1", 1, null, false));
        engine.settle();
        assertThat(engine.worker("w").state()).isEqualTo(WorkerState.STARTING);
        assertThat(engine.launcher.runs("w")).hasSize(2);

        engine.run("w").exit(new RunExit("exited with code 78: config missing", 78, null, false));
        engine.settle();
        engine.advance(Duration.ofMinutes(5));

        assertThat(engine.worker("w").state()).isEqualTo(WorkerState.FAILED);
        assertThat(engine.worker("w").message())
                .isEqualTo("exit code 78 is one of noRestartExitCodes [2, 78]; not restarted (exited with code 78: config missing)");
        assertThat(crash("w").crashReason()).isEqualTo(CrashReason.EXIT_CODE);
        assertThat(engine.launcher.runs("w")).hasSize(2);
    }

    @Test
    void aForcedEndIsNoExitCodeOfTheWorkersEvenIfItsCodeIsListed() {
        running(silent("w", TestManagers.IN_PROCESS.withNoRestartExitCodes(List.of(137))));

        engine.run("w").exit(new RunExit("unresponsive: no heartbeat for 15s", 137, "KILL", true, CrashReason.UNRESPONSIVE));
        engine.settle();

        assertThat(crash("w").crashReason()).isEqualTo(CrashReason.UNRESPONSIVE);
        assertThat(engine.launcher.runs("w")).hasSize(2);
    }

    @Test
    void theDeadlineStopsARunningWorkerThroughItsStopLadderAndItEndsFailed() {
        running(silent("w", TestManagers.IN_PROCESS.withDeadline(Duration.ofSeconds(30)).withStopTimeout(Duration.ofSeconds(3))));

        engine.advance(Duration.ofSeconds(29));
        assertThat(engine.run("w").stops()).isEmpty();
        engine.advance(Duration.ofSeconds(1));

        assertThat(engine.run("w").stops()).containsExactly(Duration.ofSeconds(3));
        assertThat(engine.worker("w").state()).isEqualTo(WorkerState.STOPPING);
        assertThat(engine.worker("w").message()).isEqualTo("deadline: the run took longer than 30s (over 1 attempt)");

        engine.run("w").exit(new RunExit("the worker did not stop within 3s; sent SIGTERM", 143, "TERM", true));
        engine.settle();

        assertThat(crash("w").crashReason()).isEqualTo(CrashReason.DEADLINE);
        assertThat(crash("w").message()).isEqualTo("deadline: the run took longer than 30s (over 1 attempt) (the stop had to be forced)");
        assertThat(engine.worker("w").state()).isEqualTo(WorkerState.FAILED);
        assertThat(engine.worker("w").crashReason()).isEqualTo(CrashReason.DEADLINE);
        engine.advance(Duration.ofMinutes(5));
        assertThat(engine.launcher.runs("w")).hasSize(1);
    }

    @Test
    void theDeadlineCountsOverEveryAttemptOfTheRunAndARestartBeginsANewRun() {
        running(silent("w", TestManagers.IN_PROCESS.withDeadline(Duration.ofSeconds(10))));
        engine.advance(Duration.ofSeconds(6));
        engine.run("w").exit(RunExit.failed("boom"));
        engine.settle();
        engine.run("w").report(StatusCall.RUNNING, "up again");
        engine.settle();

        engine.advance(Duration.ofSeconds(4));

        assertThat(engine.worker("w").message()).isEqualTo("deadline: the run took longer than 10s (over 2 attempts)");
        engine.run("w").exitNormally();
        engine.settle();
        assertThat(engine.worker("w").state()).isEqualTo(WorkerState.FAILED);

        engine.restart("w");
        engine.advance(Duration.ofSeconds(9));
        assertThat(engine.worker("w").state()).isEqualTo(WorkerState.STARTING);
        engine.advance(Duration.ofSeconds(1));
        assertThat(engine.worker("w").state()).isEqualTo(WorkerState.STOPPING);
    }

    @Test
    void aRunThatEndsBeforeItsDeadlineIsLeftAlone() {
        running(silent("w", TestManagers.IN_PROCESS.withDeadline(Duration.ofSeconds(10))));
        engine.run("w").completed(null).exitNormally();
        engine.settle();

        engine.advance(Duration.ofMinutes(1));

        assertThat(engine.worker("w").state()).isEqualTo(WorkerState.COMPLETED);
        assertThat(engine.scheduler.pendingDelays()).isEmpty();
    }

    @Test
    void aSampleOverMaxMemoryStopsTheAttemptAndItsEndIsACrashOfReasonMemoryThatThePolicyRestarts() {
        running(silent("w", TestManagers.IN_PROCESS.withMaxMemory(ByteSize.parse("256m"))));

        engine.run("w").usage(new ResourceUsage(200L << 20, 12.5, 1));
        engine.settle();
        assertThat(engine.worker("w").memoryBytes()).isEqualTo(200L << 20);
        assertThat(engine.worker("w").cpuPercent()).isEqualTo(12.5);
        assertThat(engine.run("w").stops()).isEmpty();

        engine.run("w").usage(new ResourceUsage(300L << 20, 50.0, 3));
        engine.settle();
        assertThat(engine.run("w").stops()).hasSize(1);
        String reason = "memory: the process tree used 300.0 MiB (3 processes), over maxMemory 256m (256.0 MiB)";
        assertThat(engine.worker("w").message()).isEqualTo(reason);
        engine.run("w").usage(new ResourceUsage(400L << 20, 50.0, 3)); // a second sample while it stops asks nothing more
        engine.settle();
        assertThat(engine.run("w").stops()).hasSize(1);

        engine.run("w").exitNormally();
        engine.settle();

        assertThat(crash("w").crashReason()).isEqualTo(CrashReason.MEMORY);
        assertThat(crash("w").message()).isEqualTo(reason);
        assertThat(engine.launcher.runs("w")).hasSize(2);
        assertThat(engine.worker("w").memoryBytes()).isNull();
        assertThat(engine.worker("w").crashReason()).isNull(); // STARTING again
    }

    @Test
    void aDeadlineThatPassesWhileAMemoryStopIsUnderWayStillEndsTheRunFailed() {
        running(silent("w", TestManagers.IN_PROCESS.withDeadline(Duration.ofSeconds(10)).withMaxMemory(ByteSize.parse("64m"))));
        engine.advance(Duration.ofSeconds(9));
        engine.run("w").usage(new ResourceUsage(100L << 20, null, 1));
        engine.settle();
        assertThat(engine.worker("w").state()).isEqualTo(WorkerState.STOPPING);

        engine.advance(Duration.ofSeconds(1));
        engine.run("w").exitNormally();
        engine.settle();

        assertThat(crash("w").crashReason()).isEqualTo(CrashReason.MEMORY);
        assertThat(engine.worker("w").state()).isEqualTo(WorkerState.FAILED);
        assertThat(engine.worker("w").message()).startsWith("deadline: the run took longer than 10s (over 1 attempt); not restarted");
        assertThat(engine.launcher.runs("w")).hasSize(1);
    }
}
