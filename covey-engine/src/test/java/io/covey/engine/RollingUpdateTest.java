package io.covey.engine;

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

import io.covey.core.api.GroupDiff;
import io.covey.core.api.WorkerStatus;
import io.covey.core.event.GroupEvent;
import io.covey.core.event.LifecycleEvent;
import io.covey.core.json.CoveyJson;
import io.covey.core.spec.UpdateStrategy;
import io.covey.core.spec.WorkerSpec;
import io.covey.core.worker.StatusCall;
import io.covey.core.worker.WorkerHealth;
import io.covey.engine.RecordingLauncher.FakeRun;
import io.covey.engine.journal.JournalReader;
import io.covey.engine.launch.RunExit;

/**
 * {@code update: rolling}, on the manual clock: the new attempt starts beside the old one, takes
 * over once it runs (and is healthy), then the old one stops; instances one at a time; a new
 * attempt that fails stops the roll and the old ones keep running.
 */
class RollingUpdateTest {
    private final EngineHarness engine = new EngineHarness();

    private static WorkerSpec web(String version, Integer instances) {
        return new WorkerSpec("ServiceWorker", "web", CoveyJson.toTree(Map.of("name", version)), null)
                .withInstances(instances).withUpdate(UpdateStrategy.ROLLING);
    }

    private void running(String... ids) {
        for (String id : ids) {
            engine.run(id).report(StatusCall.RUNNING, "serving");
        }
        engine.settle();
    }

    private List<LifecycleEvent> attempt(String id, int number) {
        return engine.lifecycle(id).stream().filter(e -> e.attempt() == number).toList();
    }

    private List<String> rollMessages() {
        return JournalReader.retained(engine.journal).stream()
                .filter(e -> e instanceof GroupEvent g && g.change().equals("rolling"))
                .map(e -> ((GroupEvent) e).message()).toList();
    }

    @Test
    void theNewAttemptStartsBesideTheOldOneWhichStopsOnlyOnceTheNewOneRuns() {
        engine.runGroup("g", web("v1", null));
        running("web");
        FakeRun old = engine.run("web");

        GroupDiff diff = engine.runGroup("g", web("v2", null));

        assertThat(diff.started()).containsExactly("web");
        assertThat(diff.stopped()).containsExactly("web");
        FakeRun next = engine.run("web");
        assertThat(next).isNotSameAs(old);
        assertThat(next.request().attempt()).isEqualTo(2);
        assertThat(next.request().params().get("name").asString()).isEqualTo("v2");
        assertThat(old.stops()).isEmpty();
        WorkerStatus surging = engine.worker("web");
        assertThat(surging.state()).isEqualTo(RUNNING);
        assertThat(surging.attempt()).isEqualTo(1);
        assertThat(attempt("web", 2)).extracting(LifecycleEvent::state).containsExactly(STARTING);

        next.report(StatusCall.RUNNING, "serving v2");
        engine.settle();

        assertThat(old.stops()).hasSize(1);
        WorkerStatus tookOver = engine.worker("web");
        assertThat(tookOver.attempt()).isEqualTo(2);
        assertThat(tookOver.state()).isEqualTo(RUNNING);
        assertThat(tookOver.message()).isEqualTo("serving v2");
        assertThat(attempt("web", 1)).extracting(LifecycleEvent::state).endsWith(RUNNING, STOPPING);

        old.exitNormally();
        engine.settle();
        assertThat(attempt("web", 1)).extracting(LifecycleEvent::state).endsWith(STOPPING, STOPPED);
        assertThat(engine.worker("web").state()).isEqualTo(RUNNING);
        assertThat(engine.worker("web").attempt()).isEqualTo(2);
        assertThat(rollMessages()).containsExactly("rolling web (1 of 1): starting attempt 2 beside attempt 1",
                "rolling web (1 of 1): attempt 2 took over, stopping attempt 1", "rolling update done: 1 of 1 replaced (web)");
    }

    @Test
    void instancesRollOneAtATimeEachOnceThePreviousOldAttemptIsGone() {
        engine.runGroup("g", web("v1", 3));
        running("web-0", "web-1", "web-2");

        engine.runGroup("g", web("v2", 3));

        assertThat(engine.launcher.runs()).hasSize(4); // only web-0 has a second run
        assertThat(engine.launcher.runs("web-0")).hasSize(2);
        for (int index = 0; index < 3; index++) {
            String id = "web-" + index;
            FakeRun old = engine.launcher.runs(id).get(0);
            FakeRun next = engine.run(id);
            assertThat(next.request().attempt()).as(id).isEqualTo(2);
            assertThat(next.request().instance()).isEqualTo(index);
            next.report(StatusCall.RUNNING, "v2");
            engine.settle();
            assertThat(old.stops()).as(id).hasSize(1);
            // Surge of one: the next instance waits until this old attempt is gone.
            if (index < 2) {
                assertThat(engine.launcher.runs("web-" + (index + 1))).hasSize(1);
            }
            old.exitNormally();
            engine.settle();
        }
        assertThat(List.of("web-0", "web-1", "web-2")).allSatisfy(id -> {
            assertThat(engine.worker(id).attempt()).isEqualTo(2);
            assertThat(engine.worker(id).state()).isEqualTo(RUNNING);
        });
        assertThat(rollMessages()).startsWith("rolling web-0 (1 of 3): starting attempt 2 beside attempt 1")
                .contains("rolling web-1 (2 of 3): starting attempt 2 beside attempt 1")
                .last().isEqualTo("rolling update done: 3 of 3 replaced (web-0, web-1, web-2)");
    }

    @Test
    void aNewAttemptThatCrashesStopsTheRollAndTheOldOnesKeepRunning() {
        engine.runGroup("g", web("v1", 3));
        running("web-0", "web-1", "web-2");
        engine.runGroup("g", web("v2", 3));
        engine.run("web-0").report(StatusCall.RUNNING, "v2");
        engine.settle();
        engine.launcher.runs("web-0").get(0).exitNormally();
        engine.settle();
        FakeRun oldOne = engine.launcher.runs("web-1").get(0);

        engine.run("web-1").exit(RunExit.failed("bad config"));
        engine.settle();

        assertThat(oldOne.stops()).isEmpty();
        assertThat(attempt("web-1", 2)).extracting(LifecycleEvent::state).containsExactly(STARTING, CRASHED);
        WorkerStatus kept = engine.worker("web-1");
        assertThat(kept.state()).isEqualTo(RUNNING);
        assertThat(kept.attempt()).isEqualTo(1);
        assertThat(engine.launcher.runs("web-2")).hasSize(1);
        assertThat(engine.launcher.runs("web-1")).hasSize(2); // no retry of the new attempt
        assertThat(rollMessages().get(rollMessages().size() - 1)).startsWith("rolling update stopped at web-1 (2 of 3): attempt 2 crashed: ")
                .contains("bad config", "attempt 1 keeps running", "replaced: web-0", "not replaced: web-2");

        engine.advance(Duration.ofMinutes(5));
        assertThat(engine.launcher.runs()).hasSize(5);
        GroupDiff again = engine.runGroup("g", web("v2", 3));
        assertThat(again.changedAnything()).isFalse();
    }

    @Test
    void aNewAttemptThatNeverRunsIsEndedAtItsStartTimeoutAndStopsTheRoll() {
        engine.runGroup("g", web("v1", null));
        running("web");
        FakeRun old = engine.run("web");
        engine.runGroup("g", web("v2", null));
        FakeRun next = engine.run("web");

        engine.advance(TestManagers.IN_PROCESS.orElse(io.covey.core.spec.WorkerOptions.BUILT_IN).startTimeout());

        assertThat(next.kills()).singleElement().asString().contains("start timeout");
        next.exit(new RunExit("killed", null, "KILL", true));
        engine.settle();
        assertThat(old.stops()).isEmpty();
        assertThat(engine.worker("web").attempt()).isEqualTo(1);
        assertThat(rollMessages().get(rollMessages().size() - 1)).startsWith("rolling update stopped at web (1 of 1): attempt 2 crashed");
    }

    @Test
    void withAHealthCheckTheNewAttemptTakesOverOnlyOnceItAnswersHealthy() {
        WorkerSpec probe = new WorkerSpec("HealthProbeWorker", "probe", CoveyJson.toTree(Map.of("flagDir", "/a")), null)
                .withUpdate(UpdateStrategy.ROLLING);
        engine.runGroup("g", probe);
        running("probe");
        FakeRun old = engine.run("probe");
        engine.runGroup("g", probe.withOptions(null).withId("probe").withUpdate(UpdateStrategy.ROLLING)
                .withOptions(io.covey.core.spec.WorkerOptions.NONE.withStopTimeout(Duration.ofSeconds(3))));
        FakeRun next = engine.run("probe");
        next.report(StatusCall.RUNNING, "up");
        engine.settle();

        assertThat(next.healthChecks()).hasSize(1);
        next.healthChecks().get(0).complete(WorkerHealth.unhealthy("warming up"));
        engine.settle();
        assertThat(old.stops()).isEmpty();
        engine.advance(Duration.ofSeconds(10)); // the health interval
        assertThat(next.healthChecks()).hasSize(2);
        next.healthChecks().get(1).complete(WorkerHealth.ok());
        engine.settle();

        assertThat(old.stops()).hasSize(1);
        assertThat(engine.worker("probe").attempt()).isEqualTo(2);
    }

    @Test
    void aNewAttemptThatStaysUnhealthyIsStoppedAndTheOldOneKeepsRunning() {
        WorkerSpec probe = new WorkerSpec("HealthProbeWorker", "probe", CoveyJson.toTree(Map.of("flagDir", "/a")), null)
                .withUpdate(UpdateStrategy.ROLLING);
        engine.runGroup("g", probe);
        running("probe");
        FakeRun old = engine.run("probe");
        engine.runGroup("g", probe.withOptions(io.covey.core.spec.WorkerOptions.NONE.withStopTimeout(Duration.ofSeconds(3))));
        FakeRun next = engine.run("probe");
        next.report(StatusCall.RUNNING, "up");
        engine.settle();

        for (int check = 0; check < 3; check++) {
            next.healthChecks().get(check).complete(WorkerHealth.unhealthy("no database"));
            engine.settle();
            engine.advance(Duration.ofSeconds(10));
        }

        assertThat(next.healthChecks()).hasSize(3);
        assertThat(next.stops()).hasSize(1);
        next.exitNormally();
        engine.settle();
        assertThat(old.stops()).isEmpty();
        assertThat(engine.worker("probe").attempt()).isEqualTo(1);
        assertThat(engine.worker("probe").state()).isEqualTo(RUNNING);
        assertThat(rollMessages().get(rollMessages().size() - 1)).contains("3 health checks failed in a row", "no database");
    }

    @Test
    void recreateStaysTheDefaultAndAWorkerThatDoesNotRunIsRecreated() {
        WorkerSpec plain = new WorkerSpec("ServiceWorker", "plain", CoveyJson.toTree(Map.of("name", "v1")), null);
        engine.runGroup("g", plain);
        running("plain");
        FakeRun old = engine.run("plain");
        engine.runGroup("g", new WorkerSpec("ServiceWorker", "plain", CoveyJson.toTree(Map.of("name", "v2")), null));
        assertThat(old.stops()).hasSize(1);
        assertThat(engine.launcher.runs("plain")).hasSize(1); // stop first, then start

        engine.runGroup("r", web("v1", null)); // still STARTING: nothing serves, so nothing to keep
        FakeRun starting = engine.run("web");
        engine.runGroup("r", web("v2", null));
        assertThat(starting.stops()).hasSize(1);
        assertThat(engine.launcher.runs("web")).hasSize(1);
    }

    @Test
    void anOldAttemptThatEndsWhileItsSuccessorStartsHandsOverToItInsteadOfRestarting() {
        engine.runGroup("g", web("v1", null));
        running("web");
        FakeRun old = engine.run("web");
        engine.runGroup("g", web("v2", null));
        FakeRun next = engine.run("web");

        old.exit(RunExit.failed("out of memory"));
        engine.settle();

        assertThat(attempt("web", 1)).extracting(LifecycleEvent::state).endsWith(RUNNING, CRASHED);
        assertThat(engine.launcher.runs("web")).hasSize(2); // no restart of attempt 1: attempt 2 is on its way
        assertThat(engine.worker("web").attempt()).isEqualTo(2);
        assertThat(engine.worker("web").state()).isEqualTo(STARTING);
        next.report(StatusCall.RUNNING, "serving v2");
        engine.settle();
        assertThat(engine.worker("web").state()).isEqualTo(RUNNING);
        assertThat(attempt("web", 2)).extracting(LifecycleEvent::state).containsExactly(STARTING, RUNNING);
        assertThat(rollMessages()).last().isEqualTo("rolling update done: 1 of 1 replaced (web)");
    }

    @Test
    void removingAWorkerInTheMiddleOfARollStopsBothAttempts() {
        engine.runGroup("g", web("v1", null));
        running("web");
        FakeRun old = engine.run("web");
        engine.runGroup("g", web("v2", null));
        FakeRun next = engine.run("web");

        engine.runGroup("g");

        assertThat(old.stops()).hasSize(1);
        assertThat(next.stops()).hasSize(1);
        old.exitNormally();
        engine.settle();
        assertThat(engine.engine.declarations().groups().get(0).workers()).isEmpty();
        next.exitNormally();
        engine.settle();
        assertThat(attempt("web", 2)).extracting(LifecycleEvent::state).containsExactly(STARTING, STOPPING, STOPPED);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> engine.worker("web"))
                .isInstanceOf(io.covey.core.api.NotFoundException.class);
    }
}
