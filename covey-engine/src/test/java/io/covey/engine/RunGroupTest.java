package io.covey.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import io.covey.core.api.GroupDiff;
import io.covey.core.api.InvalidSpecException;
import io.covey.core.api.NotFoundException;
import io.covey.core.api.UnknownWorkerTypeException;
import io.covey.core.api.WorkerConflictException;
import io.covey.core.event.EventFilter;
import io.covey.core.event.EventType;
import io.covey.core.lifecycle.WorkerState;
import io.covey.core.spec.CoveyGroup;
import io.covey.core.spec.WorkerSpec;
import io.covey.engine.testworkers.ServiceWorker;

class RunGroupTest {
    private final CoveyManager manager = TestManagers.inProcess();

    @AfterEach
    void close() {
        manager.close();
    }

    private static ServiceWorker service(String name) {
        return new ServiceWorker(new ServiceWorker.Params(name));
    }

    private void awaitRunning(List<String> ids) {
        await().until(() -> ids.stream().allMatch(id -> manager.worker(id).state() == WorkerState.RUNNING));
    }

    @Test
    void theSameListTwiceChangesNothingTheSecondTime() {
        CoveyGroup group = new CoveyGroup("g", List.of(service("a"), service("b")));
        GroupDiff first = manager.runGroup(group);
        assertThat(first.started()).hasSize(2);
        awaitRunning(first.started());
        long seqBefore = manager.journal().lastSeq();

        GroupDiff second = manager.runGroup(new CoveyGroup("g", List.of(service("b"), service("a"))));

        assertThat(second.started()).isEmpty();
        assertThat(second.stopped()).isEmpty();
        assertThat(second.unchanged()).containsExactlyInAnyOrderElementsOf(first.started());
        assertThat(manager.journal().lastSeq()).isEqualTo(seqBefore);
        assertThat(first.started()).allMatch(id -> manager.worker(id).attempt() == 1);
    }

    @Test
    void changedParamsAddedAndRemovedWorkersGiveExactlyTheExpectedDiff() {
        String a = service("a").toSpec().effectiveId();
        String b = service("b").toSpec().effectiveId();
        String c = service("c").toSpec().effectiveId();
        String b2 = service("b2").toSpec().effectiveId();
        manager.runGroup(new CoveyGroup("g", List.of(service("a"), service("b"), service("c"),
                new WorkerSpec("ServiceWorker", "fixed", io.covey.core.json.CoveyJson.toTree(Map.of("name", "x")), null))));
        awaitRunning(List.of(a, b, c, "fixed"));

        GroupDiff diff = manager.runGroup(new CoveyGroup("g", List.of(service("a"), service("b2"), service("d"),
                new WorkerSpec("ServiceWorker", "fixed", io.covey.core.json.CoveyJson.toTree(Map.of("name", "y")), null))));

        String d = service("d").toSpec().effectiveId();
        assertThat(diff.started()).containsExactlyInAnyOrder(b2, d, "fixed");
        assertThat(diff.stopped()).containsExactlyInAnyOrder(b, c, "fixed");
        assertThat(diff.unchanged()).containsExactly(a);
        awaitRunning(List.of(a, b2, d));
        await().until(() -> manager.worker("fixed").state() == WorkerState.RUNNING && manager.worker("fixed").attempt() == 2);
        assertThat(manager.worker("fixed").spec().params().get("name").asString()).isEqualTo("y");
        assertThat(manager.worker(a).attempt()).isEqualTo(1);
        await().untilAsserted(() -> assertThat(manager.group("g").workers()).extracting(w -> w.id())
                .containsExactly(a, "fixed", b2, d));
        await().untilAsserted(() -> assertThatThrownBy(() -> manager.worker(b)).isInstanceOf(NotFoundException.class));
    }

    @Test
    void theSameIdInASecondGroupIsRefusedAndNothingChanges() {
        manager.runGroup(new CoveyGroup("first", List.of(service("shared"))));
        String id = service("shared").toSpec().effectiveId();
        awaitRunning(List.of(id));
        long seqBefore = manager.journal().lastSeq();

        assertThatThrownBy(() -> manager.runGroup(new CoveyGroup("second", List.of(service("other"), service("shared")))))
                .isInstanceOf(WorkerConflictException.class)
                .hasMessageContaining("'" + id + "' is already declared in group 'first'");

        assertThat(manager.groups()).extracting(g -> g.name()).containsExactly("first");
        assertThat(manager.journal().lastSeq()).isEqualTo(seqBefore);
        assertThat(manager.worker(id).group()).isEqualTo("first");
        assertThatThrownBy(() -> manager.worker(service("other").toSpec().effectiveId())).isInstanceOf(NotFoundException.class);
    }

    @Test
    void badDeclarationsAreRefusedWithoutChangingAnything() {
        assertThatThrownBy(() -> manager.runGroup("g", List.of(new WorkerSpec("java.lang.Runtime", null, null, null))))
                .isInstanceOf(InvalidSpecException.class);
        assertThatThrownBy(() -> manager.runGroup("g", List.of(new WorkerSpec("Runtime", null, null, null))))
                .isInstanceOf(UnknownWorkerTypeException.class).hasMessageContaining("declared types: CountdownJob");
        assertThatThrownBy(() -> manager.runGroup("g", List.of(service("a"), service("a"))))
                .hasMessageContaining("declared twice in group 'g'");
        assertThatThrownBy(() -> manager.runGroup("g", List.of(WorkerSpec.of("CountdownJob", Map.of("from", "lots")))))
                .isInstanceOf(InvalidSpecException.class).hasMessageContaining("params do not fit worker type 'CountdownJob'");
        assertThatThrownBy(() -> manager.runGroup("g", List.of(new WorkerSpec("ServiceWorker", null,
                io.covey.core.json.CoveyJson.toTree(Map.of("name", "x")), io.covey.core.spec.WorkerOptions.NONE.withForeign(true)))))
                .hasMessageContaining("cannot launch child processes");
        assertThat(manager.groups()).isEmpty();
        assertThat(manager.journal().lastSeq()).isZero();
    }

    @Test
    void limitsArePerGroupAndPerHost() {
        try (CoveyManager small = CoveyManager.builder(TestManagers.MANIFEST)
                .settings(ManagerSettings.defaults().withWorkerDefaults(TestManagers.IN_PROCESS).withLimits(2, 3)).build()) {
            assertThatThrownBy(() -> small.runGroup("g", List.of(service("a"), service("b"), service("c"))))
                    .hasMessageContaining("at most 2 are allowed per group");
            small.runGroup("g", List.of(service("a"), service("b")));
            assertThatThrownBy(() -> small.runGroup("h", List.of(service("c"), service("d"))))
                    .hasMessageContaining("at most 3 are allowed");
            assertThat(small.groups()).hasSize(1);
        }
    }

    @Test
    void addRemoveStopAndNuke() {
        RecordingListener groupEvents = new RecordingListener();
        manager.subscribe(EventFilter.group("g").withTypes(EventType.GROUP), groupEvents);
        String a = service("a").toSpec().effectiveId();
        String b = service("b").toSpec().effectiveId();
        manager.runGroup(new CoveyGroup("g", List.of(service("a"))));

        GroupDiff added = manager.addWorkers("g", List.of(service("a"), service("b")));
        assertThat(added.started()).containsExactly(b);
        assertThat(added.unchanged()).containsExactly(a);
        awaitRunning(List.of(a, b));

        GroupDiff removed = manager.removeWorkers("g", List.of(a));
        assertThat(removed.stopped()).containsExactly(a);
        assertThat(removed.unchanged()).containsExactly(b);
        assertThatThrownBy(() -> manager.removeWorkers("g", List.of("nope"))).isInstanceOf(NotFoundException.class);

        assertThat(manager.stopGroup("g").name()).isEqualTo("g");
        await().until(() -> manager.worker(b).state() == WorkerState.STOPPED);
        assertThat(manager.group("g").stopped()).isTrue();

        GroupDiff rerun = manager.runGroup(new CoveyGroup("g", List.of(service("b"))));
        assertThat(rerun.started()).containsExactly(b);
        await().until(() -> manager.worker(b).state() == WorkerState.RUNNING && manager.worker(b).attempt() == 2);

        manager.nukeGroup("g");
        assertThatThrownBy(() -> manager.group("g")).isInstanceOf(NotFoundException.class);
        await().untilAsserted(() -> assertThatThrownBy(() -> manager.worker(b)).isInstanceOf(NotFoundException.class));
        await().untilAsserted(() -> assertThat(groupEvents.events()).extracting(e -> ((io.covey.core.event.GroupEvent) e).change())
                .containsExactly("declared", "workers-added", "workers-removed", "stopped", "declared", "nuked"));
    }
}
