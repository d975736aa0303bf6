package io.covey.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import io.covey.core.api.InvalidSpecException;
import io.covey.core.event.EventFilter;
import io.covey.core.event.LifecycleEvent;
import io.covey.core.lifecycle.WorkerState;
import io.covey.core.spec.CoveyGroup;
import io.covey.core.spec.Dependency;
import io.covey.core.spec.WorkerOptions;
import io.covey.core.spec.WorkerSpec;
import io.covey.core.json.CoveyJson;
import io.covey.engine.testworkers.CountdownJob;
import io.covey.engine.testworkers.GatedWorker;
import io.covey.engine.testworkers.PokeableWorker;
import io.covey.engine.testworkers.ServiceWorker;

/** dependsOn in the engine: waiting, the order of starts, refusals, failed and removed dependencies, restartDependants. */
class SequencingTest {
    private final CoveyManager manager = TestManagers.inProcess();
    private final RecordingListener events = new RecordingListener();

    SequencingTest() {
        manager.subscribe(EventFilter.ALL, events);
    }

    @AfterEach
    void close() {
        manager.close();
    }

    private static WorkerSpec spec(String type, String id, Object params, Dependency... dependsOn) {
        return new WorkerSpec(type, id, CoveyJson.toTree(params), null).withDependsOn(dependsOn);
    }

    private static WorkerSpec service(String id, Dependency... dependsOn) {
        return spec("ServiceWorker", id, new ServiceWorker.Params(id), dependsOn);
    }

    private static WorkerSpec gated(String id, String gate) {
        return spec("GatedWorker", id, new GatedWorker.Params(gate));
    }

    private long seqOf(String worker, WorkerState state) {
        return events.lifecycle(worker).stream().filter(e -> e.state() == state).findFirst().map(LifecycleEvent::seq).orElseThrow();
    }

    private void awaitState(String id, WorkerState state) {
        await().until(() -> manager.worker(id).state() == state);
    }

    @Test
    void aDependantStartsOnlyOnceItsDependencyRunsOrCompleted() {
        String gate = "seq-" + System.nanoTime();
        manager.runGroup(new CoveyGroup("app", List.of(
                service("b", Dependency.running("a")),
                gated("a", gate),
                service("c", Dependency.completed("d")),
                spec("CountdownJob", "d", new CountdownJob.Params(3)))));

        awaitState("c", WorkerState.RUNNING);
        await().until(() -> manager.worker("a").state() == WorkerState.STARTING
                && manager.worker("b").message().equals("waiting for 'a' to be running (it is STARTING)"));
        assertThat(manager.worker("b").attempt()).isZero();

        GatedWorker.open(gate);

        awaitState("b", WorkerState.RUNNING);
        assertThat(seqOf("b", WorkerState.STARTING)).isGreaterThan(seqOf("a", WorkerState.RUNNING));
        assertThat(seqOf("c", WorkerState.STARTING)).isGreaterThan(seqOf("d", WorkerState.COMPLETED));
        assertThat(events.lifecycle("c")).extracting(LifecycleEvent::message).contains("waiting for 'd' to complete (it is STARTING)");
        List<WorkerState> states = events.states("b");
        assertThat(states.subList(0, states.indexOf(WorkerState.STARTING))).hasSizeGreaterThan(1).containsOnly(WorkerState.PENDING);
    }

    @Test
    void cyclesAndMissingIdsAreRefusedAndChangeNothing() {
        assertThatThrownBy(() -> manager.runGroup(new CoveyGroup("g", List.of(
                service("a", Dependency.running("b")), service("b", Dependency.running("a"))))))
                .isInstanceOf(InvalidSpecException.class).hasMessageContaining("dependsOn forms a cycle: a → b → a");
        assertThatThrownBy(() -> manager.runGroup(new CoveyGroup("g", List.of(service("self", Dependency.running("self"))))))
                .hasMessageContaining("self → self");
        assertThatThrownBy(() -> manager.runGroup(new CoveyGroup("g", List.of(service("a"), service("b", Dependency.running("x"))))))
                .isInstanceOf(InvalidSpecException.class).hasMessageContaining("'b' depends on 'x'");
        assertThat(manager.groups()).isEmpty();
        assertThat(events.events()).isEmpty();

        // An id declared on the host, in another group, is fine; a cycle through it is not.
        manager.runGroup(new CoveyGroup("db", List.of(service("db"))));
        manager.runGroup(new CoveyGroup("api", List.of(service("api", Dependency.running("db")))));
        awaitState("api", WorkerState.RUNNING);
        assertThatThrownBy(() -> manager.runGroup(new CoveyGroup("db", List.of(service("db", Dependency.running("api"))))))
                .hasMessageContaining("db → api → db");
        // Replacing a group drops its old workers: depending on one of them is depending on nothing.
        assertThatThrownBy(() -> manager.runGroup(new CoveyGroup("api", List.of(service("web", Dependency.running("api"))))))
                .hasMessageContaining("'web' depends on 'api'");
    }

    @Test
    void changingOnlyDependsOnLeavesARunningWorkerAloneButIsRecorded() {
        manager.runGroup(new CoveyGroup("db", List.of(service("db"))));
        manager.runGroup(new CoveyGroup("api", List.of(service("api"))));
        awaitState("api", WorkerState.RUNNING);

        var diff = manager.runGroup(new CoveyGroup("api", List.of(service("api", Dependency.running("db")))));

        assertThat(diff.unchanged()).containsExactly("api");
        assertThat(diff.started()).isEmpty();
        assertThat(manager.worker("api").attempt()).isEqualTo(1);
        assertThat(manager.worker("api").spec().dependsOn()).containsExactly(Dependency.running("db"));
        // The new edge counts: db may no longer wait for api.
        assertThatThrownBy(() -> manager.runGroup(new CoveyGroup("db", List.of(service("db", Dependency.running("api"))))))
                .hasMessageContaining("db → api → db");

        manager.runGroup(new CoveyGroup("api", List.of(service("api"))));
        manager.runGroup(new CoveyGroup("db", List.of(service("db", Dependency.running("api")))));
        assertThat(manager.worker("db").spec().dependsOn()).containsExactly(Dependency.running("api"));
    }

    @Test
    void aFailedOrRemovedDependencyLeavesTheDependantPendingAndSaysWhy() {
        // Crashes before it ever reports running, so the dependant can never have started.
        WorkerSpec doomed = new WorkerSpec("FaultyWorker", "doomed",
                io.covey.core.json.CoveyJson.toTree(java.util.Map.of("fault", "RUN")),
                WorkerOptions.NONE.withRestartLimit(1, Duration.ofMinutes(1)));
        String gate = "never-" + System.nanoTime();
        manager.runGroup(new CoveyGroup("g", List.of(doomed, service("x", Dependency.running("doomed")),
                gated("slow", gate), service("y", Dependency.running("slow")))));

        awaitState("doomed", WorkerState.FAILED);
        await().until(() -> manager.worker("x").message().startsWith("not started: dependency 'doomed' FAILED"));
        assertThat(manager.worker("x").state()).isEqualTo(WorkerState.PENDING);
        assertThat(manager.worker("x").attempt()).isZero();

        manager.removeWorkers("g", List.of("slow"));
        await().until(() -> manager.worker("y").message().equals("not started: dependency 'slow' was removed from the host"));
        assertThat(manager.worker("y").state()).isEqualTo(WorkerState.PENDING);
        GatedWorker.open(gate);
    }

    @Test
    void aCrashedDependencyLeavesItsDependantsRunningUnlessItRestartsThem() {
        WorkerSpec loose = spec("PokeableWorker", "loose", new PokeableWorker.Params("loose-" + System.nanoTime(), "up"));
        WorkerSpec binding = spec("PokeableWorker", "binding", new PokeableWorker.Params("binding-" + System.nanoTime(), "up"))
                .withOptions(WorkerOptions.NONE.withRestartDependants(true));
        manager.runGroup(new CoveyGroup("g", List.of(loose, binding,
                service("kept", Dependency.running("loose")), service("bound", Dependency.running("binding")))));
        awaitState("kept", WorkerState.RUNNING);
        awaitState("bound", WorkerState.RUNNING);

        assertThat(PokeableWorker.crash(loose.params().get("name").asString())).isTrue();
        assertThat(PokeableWorker.crash(binding.params().get("name").asString())).isTrue();

        await().until(() -> manager.worker("bound").attempt() == 2 && manager.worker("bound").state() == WorkerState.RUNNING);
        await().until(() -> manager.worker("loose").attempt() == 2 && manager.worker("loose").state() == WorkerState.RUNNING);
        assertThat(manager.worker("kept").attempt()).isEqualTo(1);
        assertThat(events.states("kept")).doesNotContain(WorkerState.STOPPING);
        assertThat(events.lifecycle("bound")).extracting(LifecycleEvent::message)
                .anyMatch(m -> m.startsWith("restarting: dependency 'binding' is no longer running the attempt"));
        long bindingRunningAgain = events.lifecycle("binding").stream()
                .filter(e -> e.state() == WorkerState.RUNNING && e.attempt() == 2).findFirst().orElseThrow().seq();
        long boundStartedAgain = events.lifecycle("bound").stream()
                .filter(e -> e.state() == WorkerState.STARTING && e.attempt() == 2).findFirst().orElseThrow().seq();
        assertThat(boundStartedAgain).isGreaterThan(bindingRunningAgain);
    }
}
