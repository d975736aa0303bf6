package io.covey.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import io.covey.core.api.GroupDiff;
import io.covey.core.api.GroupStatus;
import io.covey.core.api.NotFoundException;
import io.covey.core.api.UnknownWorkerTypeException;
import io.covey.core.api.WorkerConflictException;
import io.covey.core.json.CoveyJson;
import io.covey.core.lifecycle.WorkerState;
import io.covey.core.spec.CoveyGroup;
import io.covey.core.spec.WorkerSpec;
import io.covey.engine.inprocess.InProcessLauncher;
import io.covey.engine.launch.LaunchRequest;
import io.covey.engine.launch.WorkerLauncher;
import io.covey.engine.testworkers.ServiceWorker;

/** A dry run gives runGroup's diff and does nothing: no launch, no stop, no event, no desired-state change. */
class DryRunTest {
    private final ExecutorScheduler scheduler = new ExecutorScheduler();
    private final List<String> launched = new CopyOnWriteArrayList<>();
    private final AtomicInteger desiredStateChanges = new AtomicInteger();
    private final CoveyManager manager = CoveyManager.builder(TestManagers.MANIFEST)
            .settings(ManagerSettings.defaults().withWorkerDefaults(TestManagers.IN_PROCESS))
            .scheduler(scheduler)
            .inProcessLauncher(recording(new InProcessLauncher(scheduler)))
            .onDesiredStateChange(state -> desiredStateChanges.incrementAndGet())
            .build();

    @AfterEach
    void close() {
        manager.close();
        scheduler.close();
    }

    @Test
    void givesRunGroupsDiffAndChangesNothing() {
        manager.runGroup(new CoveyGroup("g", List.of(service("a"), service("b"), named("fixed", "x"))));
        awaitAllRunning("g");
        Snapshot before = snapshot();
        CoveyGroup next = new CoveyGroup("g", List.of(service("a"), service("c"), named("fixed", "y")));

        GroupDiff dry = manager.dryRunGroup(next);

        assertThat(dry.started()).containsExactly(id("c"), "fixed");
        assertThat(dry.stopped()).containsExactly("fixed", id("b"));
        assertThat(dry.unchanged()).containsExactly(id("a"));
        assertThat(dry.revision()).isEqualTo(manager.desiredState().revision());
        assertThat(snapshot()).isEqualTo(before);

        GroupDiff real = manager.runGroup(next);
        assertThat(real.started()).isEqualTo(dry.started());
        assertThat(real.stopped()).isEqualTo(dry.stopped());
        assertThat(real.unchanged()).isEqualTo(dry.unchanged());
        assertThat(real.revision()).isEqualTo(dry.revision() + 1);
    }

    @Test
    void aNewGroupIsNotCreatedAndAStoppedOneNotStarted() {
        GroupDiff fresh = manager.dryRunGroup(new CoveyGroup("new", List.of(service("n"))));
        assertThat(fresh.started()).containsExactly(id("n"));
        assertThatThrownBy(() -> manager.group("new")).isInstanceOf(NotFoundException.class);
        assertThat(launched).isEmpty();

        manager.runGroup(new CoveyGroup("g", List.of(service("a"))));
        awaitAllRunning("g");
        manager.stopGroup("g");
        await().until(() -> manager.worker(id("a")).state() == WorkerState.STOPPED);
        Snapshot before = snapshot();

        GroupDiff dry = manager.dryRunGroup(new CoveyGroup("g", List.of(service("a"))));

        assertThat(dry.started()).containsExactly(id("a"));
        assertThat(snapshot()).isEqualTo(before);
        assertThat(manager.group("g").stopped()).isTrue();
    }

    @Test
    void refusesWhatRunGroupWouldRefuse() {
        manager.runGroup(new CoveyGroup("first", List.of(service("shared"))));
        awaitAllRunning("first");
        Snapshot before = snapshot();

        assertThatThrownBy(() -> manager.dryRunGroup(new CoveyGroup("second", List.of(service("shared")))))
                .isInstanceOf(WorkerConflictException.class);
        assertThatThrownBy(() -> manager.dryRunGroup(new CoveyGroup("second", List.of(new WorkerSpec("Nope", null, null, null)))))
                .isInstanceOf(UnknownWorkerTypeException.class);
        assertThat(snapshot()).isEqualTo(before);
    }

    /** Everything a dry run must leave as it was. */
    private record Snapshot(long lastSeq, List<String> launched, int desiredStateChanges, List<GroupStatus> groups) {
    }

    private Snapshot snapshot() {
        return new Snapshot(manager.journal().lastSeq(), List.copyOf(launched), desiredStateChanges.get(), manager.groups());
    }

    private void awaitAllRunning(String group) {
        await().until(() -> manager.group(group).workers().stream().allMatch(w -> w.state() == WorkerState.RUNNING));
    }

    private WorkerLauncher recording(WorkerLauncher delegate) {
        return (LaunchRequest request, io.covey.engine.launch.RunCallbacks callbacks) -> {
            launched.add(request.workerId() + "#" + request.attempt());
            return delegate.launch(request, callbacks);
        };
    }

    private static ServiceWorker service(String name) {
        return new ServiceWorker(new ServiceWorker.Params(name));
    }

    private static WorkerSpec named(String id, String name) {
        return new WorkerSpec("ServiceWorker", id, CoveyJson.toTree(Map.of("name", name)), null);
    }

    private static String id(String name) {
        return service(name).toSpec().effectiveId();
    }
}
