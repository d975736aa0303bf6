package io.covey.engine;

import static io.covey.core.lifecycle.WorkerState.BACKOFF;
import static io.covey.core.lifecycle.WorkerState.CRASHED;
import static io.covey.core.lifecycle.WorkerState.RUNNING;
import static io.covey.core.lifecycle.WorkerState.STARTING;
import static io.covey.core.lifecycle.WorkerState.STOPPED;
import static io.covey.core.lifecycle.WorkerState.STOPPING;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.covey.core.api.LogLine;
import io.covey.core.api.WorkerStatus;
import io.covey.core.event.LifecycleEvent;
import io.covey.core.json.CoveyJson;
import io.covey.core.spec.RestartPolicy;
import io.covey.core.spec.WorkerOptions;
import io.covey.core.spec.WorkerSpec;
import io.covey.core.worker.StatusCall;
import io.covey.core.worker.WorkerHealth;
import io.covey.engine.RecordingLauncher.FakeRun;
import io.covey.engine.launch.RunExit;

/** Each attempt on its own: a new one starts clean, an old one's late calls are ignored, and how attempts end. */
class EngineAttemptsTest {
    private final EngineHarness engine = new EngineHarness();

    private FakeRun runningSilent(WorkerOptions options) {
        engine.runGroup("g", new WorkerSpec("SilentWorker", "w", null, options));
        FakeRun run = engine.run("w").report(StatusCall.RUNNING, "up");
        engine.settle();
        return run;
    }

    @Test
    void aNewAttemptStartsCleanAndTheLastOnesLateCallsAreIgnored() {
        FakeRun first = runningSilent(TestManagers.IN_PROCESS.withRestart(RestartPolicy.NEVER));
        engine.advance(Duration.ofSeconds(3));
        first.exit(new RunExit("killed by signal KILL (exit code 137)", 137, "KILL", true));
        engine.settle();
        WorkerStatus crashed = engine.worker("w");
        assertThat(crashed.state()).isEqualTo(CRASHED);
        assertThat(crashed.forced()).isTrue();
        assertThat(crashed.endedAt()).isEqualTo(EngineHarness.T0.plusSeconds(3));

        engine.advance(Duration.ofSeconds(2));
        engine.restart("w");

        FakeRun second = engine.run("w");
        assertThat(second).isNotSameAs(first);
        assertThat(second.request().attempt()).isEqualTo(2);
        WorkerStatus restarted = engine.worker("w");
        assertThat(restarted.state()).isEqualTo(STARTING);
        assertThat(restarted.attempt()).isEqualTo(2);
        assertThat(restarted.restarts()).isEqualTo(1);
        assertThat(restarted.forced()).isFalse();
        assertThat(restarted.endedAt()).isNull();
        assertThat(restarted.startedAt()).isEqualTo(EngineHarness.T0.plusSeconds(5));

        first.report(StatusCall.RUNNING, "a late word from attempt 1");
        first.exit(RunExit.failed("and a late exit"));
        engine.settle();

        assertThat(engine.worker("w").state()).isEqualTo(STARTING);
        assertThat(engine.launcher.runs("w")).hasSize(2);
    }

    @Test
    void aLauncherThatThrowsCrashesTheAttemptWithTheReason() {
        engine.launcher.failNextLaunch(new IllegalStateException("no threads left"));

        engine.runGroup("g", new WorkerSpec("SilentWorker", "w", null, TestManagers.IN_PROCESS.withRestart(RestartPolicy.NEVER)));

        assertThat(engine.states("w")).endsWith(STARTING, CRASHED);
        assertThat(engine.worker("w").message()).isEqualTo("could not launch: java.lang.IllegalStateException: no threads left");
        engine.advance(Duration.ofMinutes(1)); // its start timeout was called off with the attempt
        assertThat(engine.worker("w").state()).isEqualTo(CRASHED);
    }

    @Test
    void aStopThatHadToBeForcedIsStoppedForcedAndNoted() {
        FakeRun run = runningSilent(null);
        engine.stopGroup("g");

        run.exit(new RunExit("the worker refused to stop within 2s; its thread was interrupted and abandoned", null, null, true));
        engine.settle();

        LifecycleEvent stopped = engine.last("w");
        assertThat(stopped.state()).isEqualTo(STOPPED);
        assertThat(stopped.forced()).isTrue();
        assertThat(engine.worker("w").forced()).isTrue();
        assertThat(engine.engine.requireSlot("w").logs.tail(1)).extracting(LogLine::line)
                .containsExactly("refused to stop: the worker refused to stop within 2s; its thread was interrupted and abandoned");
    }

    @Test
    void failedHealthChecksStopTheAttemptAndItsEndCountsAsACrash() {
        WorkerOptions checked = TestManagers.IN_PROCESS.withHealth(Duration.ofSeconds(10), Duration.ofSeconds(1), 2);
        engine.runGroup("g", WorkerSpec.of("HealthProbeWorker", Map.of("flagDir", "/nonexistent")).withId("w").withOptions(checked));
        FakeRun run = engine.run("w").report(StatusCall.RUNNING, "probe up");
        engine.settle();

        engine.advance(Duration.ofSeconds(10));
        assertThat(run.healthChecks()).hasSize(1);
        run.healthChecks().get(0).complete(WorkerHealth.unhealthy("the fail flag is set"));
        engine.settle();
        assertThat(engine.worker("w").health().consecutiveFailures()).isEqualTo(1);

        engine.advance(Duration.ofSeconds(10));
        assertThat(run.healthChecks()).hasSize(2);
        engine.advance(Duration.ofSeconds(1)); // the second check never answers: its timeout fails it

        assertThat(engine.last("w").state()).isEqualTo(STOPPING);
        assertThat(engine.last("w").message())
                .isEqualTo("unhealthy: 2 health checks failed in a row (last: the health check did not answer within 1s)");
        assertThat(run.stops()).containsExactly(Duration.ofSeconds(2));

        run.exitNormally();
        engine.settle();
        assertThat(engine.states("w")).containsSubsequence(RUNNING, STOPPING, CRASHED, BACKOFF, STARTING);
        assertThat(engine.run("w").request().attempt()).isEqualTo(2);
    }

    @Test
    void aRestoredResultIsKeptAndNotRunAgain() throws Exception {
        engine.restore(new DesiredState(1, List.of(new DesiredState.Group("g", List.of(
                new DesiredState.Worker(new WorkerSpec("SilentWorker", "w", null, null), false, CoveyJson.toTree(Map.of("n", 1))))))));

        assertThat(engine.engine.requireSlot("w").resultView().get()).isEqualTo(CoveyJson.toTree(Map.of("n", 1)));
        engine.runGroup("g", new WorkerSpec("SilentWorker", "w", null, null));
        assertThat(engine.launcher.runs()).as("declaring it again changes nothing").isEmpty();
    }

    /** It is no crash, so no restart policy starts it again (the table has no way from STOPPED to BACKOFF); a re-run after a stop does. */
    @Test
    void aWorkerThatStopsOnItsOwnStaysStopped() {
        for (RestartPolicy policy : RestartPolicy.values()) {
            EngineHarness engine = new EngineHarness();
            engine.runGroup("g", new WorkerSpec("SilentWorker", "w", null, TestManagers.IN_PROCESS.withRestart(policy)));
            engine.run("w").report(StatusCall.STOPPED, "nothing to do").exitNormally();
            engine.settle();
            engine.advance(Duration.ofMinutes(1));

            assertThat(engine.launcher.runs("w")).as("runs under %s", policy).hasSize(1);
            assertThat(engine.worker("w").state()).isEqualTo(STOPPED);
            assertThat(engine.worker("w").message()).isEqualTo("nothing to do");
        }
    }

    @Test
    void aGroupRunAgainWhileItsStopIsUnderWayStartsOnceTheStopIsOver() {
        FakeRun first = runningSilent(null);
        engine.stopGroup("g");
        engine.runGroup("g", new WorkerSpec("SilentWorker", "w", null, null));
        assertThat(engine.launcher.runs("w")).hasSize(1);

        first.exitNormally();
        engine.settle();

        assertThat(engine.states("w")).endsWith(STOPPING, STOPPED, STARTING);
        assertThat(engine.run("w").request().attempt()).isEqualTo(2);
    }

    @Test
    void aGroupRunAgainAfterAStopStartsWhatWasStoppedButNotWhatCompleted() {
        engine.runGroup("g", new WorkerSpec("SilentWorker", "stopped-by-itself", null, null),
                new WorkerSpec("SilentWorker", "job", null, null), new WorkerSpec("SilentWorker", "service", null, null));
        engine.run("stopped-by-itself").report(StatusCall.STOPPED, "nothing to do").exitNormally();
        engine.run("job").completed(Map.of("rows", 7)).exitNormally();
        engine.run("service").report(StatusCall.RUNNING, "up");
        engine.settle();
        engine.stopGroup("g");
        engine.run("service").exitNormally();
        engine.settle();

        var diff = engine.runGroup("g", new WorkerSpec("SilentWorker", "stopped-by-itself", null, null),
                new WorkerSpec("SilentWorker", "job", null, null), new WorkerSpec("SilentWorker", "service", null, null));

        assertThat(diff.started()).containsExactly("stopped-by-itself", "service");
        assertThat(diff.unchanged()).containsExactly("job");
        assertThat(engine.launcher.runs("stopped-by-itself")).hasSize(2);
        assertThat(engine.launcher.runs("service")).hasSize(2);
        assertThat(engine.launcher.runs("job")).hasSize(1);
        assertThat(engine.worker("job").result()).isEqualTo(CoveyJson.toTree(Map.of("rows", 7)));
    }
}
