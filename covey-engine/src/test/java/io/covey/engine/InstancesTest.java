package io.covey.engine;

import static io.covey.core.lifecycle.WorkerState.BACKOFF;
import static io.covey.core.lifecycle.WorkerState.CRASHED;
import static io.covey.core.lifecycle.WorkerState.RUNNING;
import static io.covey.core.lifecycle.WorkerState.STARTING;
import static io.covey.core.lifecycle.WorkerState.STOPPED;
import static io.covey.core.lifecycle.WorkerState.STOPPING;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.covey.core.api.GroupDiff;
import io.covey.core.api.InvalidSpecException;
import io.covey.core.api.LimitExceededException;
import io.covey.core.api.NotFoundException;
import io.covey.core.api.WorkerStatus;
import io.covey.core.event.CoveyEvent;
import io.covey.core.event.GroupEvent;
import io.covey.core.json.CoveyJson;
import io.covey.core.spec.WorkerSpec;
import io.covey.core.worker.StatusCall;
import io.covey.engine.RecordingLauncher.FakeRun;
import io.covey.engine.journal.JournalReader;
import io.covey.engine.launch.RunExit;

/**
 * {@code instances: N}: one spec, N workers {@code <id>-0 … <id>-(N-1)}, each with its own
 * attempts, restarts and events; re-declaring with another N starts or stops the highest indexes
 * only. On the manual clock with recorded runs.
 */
class InstancesTest {
    private final EngineHarness engine = new EngineHarness();

    private static WorkerSpec web(Integer instances) {
        return new WorkerSpec("ServiceWorker", "web", CoveyJson.toTree(Map.of("name", "web")), null).withInstances(instances);
    }

    /** Declares web with {@code instances} and lets every run it launches report running. */
    private GroupDiff runWeb(Integer instances, WorkerSpec... others) {
        List<WorkerSpec> specs = new java.util.ArrayList<>(List.of(others));
        specs.add(0, web(instances));
        GroupDiff diff = engine.runGroup("g", specs.toArray(WorkerSpec[]::new));
        diff.started().forEach(id -> engine.run(id).report(StatusCall.RUNNING, "up"));
        engine.settle();
        return diff;
    }

    @Test
    void threeInstancesRunUnderTheirOwnIdsEachWithItsIndexAndAttempt() {
        GroupDiff diff = runWeb(3);

        assertThat(diff.started()).containsExactly("web-0", "web-1", "web-2");
        assertThat(engine.launcher.runs()).extracting(run -> run.request().workerId() + ":" + run.request().instance()
                + "#" + run.request().attempt()).containsExactly("web-0:0#1", "web-1:1#1", "web-2:2#1");
        for (int index = 0; index < 3; index++) {
            WorkerStatus status = engine.worker("web-" + index);
            assertThat(status.state()).isEqualTo(RUNNING);
            assertThat(status.instance()).isEqualTo(index);
            assertThat(status.attempt()).isEqualTo(1);
            assertThat(status.spec().effectiveId()).isEqualTo("web");
            assertThat(status.spec().instances()).isEqualTo(3);
            assertThat(engine.states("web-" + index)).containsExactly(io.covey.core.lifecycle.WorkerState.PENDING, STARTING, RUNNING);
        }
        assertThat(engine.engine.declarations().group("g").workers()).extracting(WorkerStatus::id)
                .containsExactly("web-0", "web-1", "web-2");
    }

    @Test
    void scalingThreeToOneStopsExactlyTheHighestIndexesAndLeavesTheFirstAlone() {
        runWeb(3);
        long groupEventsBefore = groupEvents().size();

        GroupDiff diff = engine.runGroup("g", web(1));

        assertThat(diff.stopped()).containsExactly("web-1", "web-2");
        assertThat(diff.started()).isEmpty();
        assertThat(diff.unchanged()).containsExactly("web-0");
        assertThat(engine.run("web-0").stops()).isEmpty();
        assertThat(engine.run("web-1").stops()).hasSize(1);
        assertThat(engine.run("web-2").stops()).hasSize(1);
        engine.run("web-1").exitNormally();
        engine.run("web-2").exitNormally();
        engine.settle();

        assertThat(engine.states("web-1")).endsWith(STOPPING, STOPPED);
        assertThat(engine.engine.declarations().group("g").workers()).extracting(WorkerStatus::id).containsExactly("web-0");
        WorkerStatus first = engine.worker("web-0");
        assertThat(first.state()).isEqualTo(RUNNING);
        assertThat(first.attempt()).isEqualTo(1);
        assertThat(first.spec().instances()).isEqualTo(1);
        assertThat(groupEvents()).hasSize((int) groupEventsBefore + 1);
        assertThatThrownBy(() -> engine.worker("web-2")).isInstanceOf(NotFoundException.class);
    }

    @Test
    void scalingOneToThreeStartsTheNewIndexesOnly() {
        runWeb(1);

        GroupDiff diff = engine.scale("web", 3);

        assertThat(diff.started()).containsExactly("web-1", "web-2");
        assertThat(diff.stopped()).isEmpty();
        assertThat(diff.unchanged()).containsExactly("web-0");
        assertThat(engine.launcher.runs("web-0")).hasSize(1);
        assertThat(engine.run("web-0").stops()).isEmpty();
        assertThat(engine.run("web-2").request().instance()).isEqualTo(2);
        assertThat(engine.worker("web-0").spec().instances()).isEqualTo(3);
        GroupEvent scaled = (GroupEvent) groupEvents().get(groupEvents().size() - 1);
        assertThat(scaled.change()).isEqualTo("scaled");
        assertThat(scaled.started()).containsExactly("web-1", "web-2");
    }

    @Test
    void scaleFindsTheDeclarationByAnInstanceIdAndLeavesTheRestOfTheGroupAsItIs() {
        WorkerSpec other = new WorkerSpec("ServiceWorker", "other", CoveyJson.toTree(Map.of("name", "o")), null);
        runWeb(3, other);

        GroupDiff diff = engine.scale("web-1", 2);

        assertThat(diff.stopped()).containsExactly("web-2");
        assertThat(diff.unchanged()).containsExactly("web-0", "web-1");
        assertThat(engine.run("other").stops()).isEmpty();
        assertThat(engine.engine.declarations().group("g").workers()).extracting(WorkerStatus::id)
                .containsExactly("web-0", "web-1", "other");
        assertThatThrownBy(() -> engine.scale("nobody", 2)).isInstanceOf(NotFoundException.class);
        assertThatThrownBy(() -> engine.scale("web", 0)).isInstanceOf(InvalidSpecException.class);
        WorkerSpec web3 = new WorkerSpec("ServiceWorker", "web-3", CoveyJson.toTree(Map.of("name", "w3")), null);
        engine.engine.declarations().declare("g", List.of(web3), false, "workers-added");
        assertThatThrownBy(() -> engine.scale("web", 4)).isInstanceOf(InvalidSpecException.class)
                .hasMessageContaining("instance id 'web-3' is already the id of another worker of group 'g'");
        assertThat(engine.worker("web-3").spec().params().get("name").asString()).isEqualTo("w3");
    }

    @Test
    void scalingAStoppedGroupLeavesItsStoppedInstancesStopped() {
        runWeb(2);
        engine.stopGroup("g");
        engine.run("web-0").exitNormally();
        engine.run("web-1").exitNormally();
        engine.settle();

        GroupDiff diff = engine.scale("web", 3);

        assertThat(diff.started()).containsExactly("web-2");
        assertThat(diff.unchanged()).containsExactly("web-0", "web-1");
        assertThat(engine.worker("web-0").state()).isEqualTo(STOPPED);
        assertThat(engine.launcher.runs("web-0")).hasSize(1);
        assertThat(engine.worker("web-0").spec().instances()).isEqualTo(3);
        assertThat(engine.launcher.runs("web-2")).hasSize(1);
    }

    @Test
    void aCrashOfOneInstanceRestartsOnlyThatInstance() {
        runWeb(3);

        engine.run("web-1").exit(RunExit.failed("boom"));
        engine.settle();

        assertThat(engine.states("web-1")).endsWith(RUNNING, CRASHED, BACKOFF, STARTING);
        assertThat(engine.worker("web-1").attempt()).isEqualTo(2);
        assertThat(engine.worker("web-1").restarts()).isEqualTo(1);
        assertThat(engine.run("web-1").request().instance()).isEqualTo(1);
        for (String id : List.of("web-0", "web-2")) {
            assertThat(engine.launcher.runs(id)).hasSize(1);
            assertThat(engine.run(id).stops()).isEmpty();
            assertThat(engine.worker(id).attempt()).isEqualTo(1);
            assertThat(engine.worker(id).state()).isEqualTo(RUNNING);
        }
    }

    @Test
    void aWorkerWithoutInstancesScaledBecomesInstancesOfItsSpec() {
        runWeb(null);
        assertThat(engine.worker("web").instance()).isNull();
        assertThat(engine.run("web").request().instance()).isZero();

        GroupDiff diff = engine.scale("web", 2);

        assertThat(diff.started()).containsExactly("web-0", "web-1");
        assertThat(diff.stopped()).containsExactly("web");
    }

    @Test
    void everyInstanceCountsTowardTheLimitsAndTheirIdsMustNotClash() {
        EngineHarness small = new EngineHarness(ManagerSettings.defaults().withWorkerDefaults(TestManagers.IN_PROCESS)
                .withLimits(4, 6));
        assertThatThrownBy(() -> small.runGroup("g", web(5))).isInstanceOf(LimitExceededException.class)
                .hasMessageContaining("5 workers").hasMessageContaining("each instance counts");
        assertThatThrownBy(() -> small.runGroup("g", web(Integer.MAX_VALUE))).isInstanceOf(LimitExceededException.class);
        small.runGroup("g", web(4));
        WorkerSpec other = new WorkerSpec("ServiceWorker", "api", CoveyJson.toTree(Map.of("name", "api")), null);
        assertThatThrownBy(() -> small.runGroup("h", other.withInstances(3))).isInstanceOf(LimitExceededException.class)
                .hasMessageContaining("7 workers");
        assertThatThrownBy(() -> small.scale("web", 5)).isInstanceOf(LimitExceededException.class);
        assertThat(small.engine.declarations().group("g").workers()).hasSize(4);

        WorkerSpec clash = new WorkerSpec("ServiceWorker", "web-1", CoveyJson.toTree(Map.of("name", "x")), null);
        assertThatThrownBy(() -> engine.runGroup("g", web(2), clash)).isInstanceOf(InvalidSpecException.class)
                .hasMessageContaining("'web-1' is declared twice");
        assertThatThrownBy(() -> web(0)).isInstanceOf(InvalidSpecException.class).hasMessageContaining("at least 1");
    }

    @Test
    void instancesAreSavedAndRestoredUnderTheirIds() {
        runWeb(2);
        DesiredState saved = engine.lastDesiredState();
        assertThat(saved.groups().get(0).workers()).extracting(DesiredState.Worker::instance).containsExactly(0, 1);

        EngineHarness restarted = new EngineHarness();
        restarted.restore(saved);

        assertThat(restarted.launcher.runs()).extracting(run -> run.request().workerId() + ":" + run.request().instance())
                .containsExactly("web-0:0", "web-1:1");
        assertThat(restarted.worker("web-1").spec().instances()).isEqualTo(2);
        restarted.scale("web", 1);
        assertThat(restarted.run("web-1").stops()).hasSize(1);
    }

    private List<CoveyEvent> groupEvents() {
        return JournalReader.retained(engine.journal).stream().filter(GroupEvent.class::isInstance).toList();
    }
}
