package io.covey.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import io.covey.core.api.CoveyException;
import io.covey.core.api.CoveyOperations;
import io.covey.core.api.GroupDiff;
import io.covey.core.api.WorkerEndedException;
import io.covey.core.event.CoveyEvent;
import io.covey.core.event.EventFilter;
import io.covey.core.event.EventType;
import io.covey.core.event.LifecycleEvent;
import io.covey.core.event.Subscription;
import io.covey.core.lifecycle.WorkerState;
import io.covey.core.spec.RestartPolicy;
import io.covey.core.spec.WorkerOptions;
import io.covey.core.spec.WorkerSpec;
import io.covey.engine.testworkers.CountdownJob;
import io.covey.engine.testworkers.CrashingWorker;
import io.covey.engine.testworkers.InputSinkWorker;
import io.covey.engine.testworkers.ServiceWorker;

/**
 * What every {@link CoveyOperations} does, whether it is the in-process manager or a client of
 * a remote host: one suite, run against both, unchanged. Groups and ids are unique per test, so
 * tests never see each other's workers.
 */
abstract class CoveyOperationsContract {
    private final String group = "g-" + UUID.randomUUID().toString().substring(0, 8);

    abstract CoveyOperations operations();

    @AfterEach
    void forgetGroups() {
        for (String name : List.of(group, group + "-other")) {
            try {
                operations().nukeGroup(name);
            } catch (CoveyException alreadyGone) {
                // not every test declares both
            }
        }
    }

    private String id(String name) {
        return group + "-" + name;
    }

    private WorkerState state(String id) {
        return operations().worker(id).state();
    }

    private ServiceWorker service(String name) {
        return (ServiceWorker) new ServiceWorker(new ServiceWorker.Params(name)).setId(id(name));
    }

    private CountdownJob countdown(String name, int from) {
        return (CountdownJob) new CountdownJob(new CountdownJob.Params(from)).setId(id(name));
    }

    @Test
    void runGroupIsDeclarativeAndReturnsTheDiff() {
        GroupDiff first = operations().runGroup(group, List.of(service("svc"), countdown("job", 2)));
        assertThat(first.started()).containsExactly(id("svc"), id("job"));
        await().until(() -> state(id("svc")) == WorkerState.RUNNING && state(id("job")) == WorkerState.COMPLETED);

        // From specs this time: the same declaration as the instance gives.
        WorkerSpec svc2 = WorkerSpec.of("ServiceWorker", new ServiceWorker.Params("b")).withId(id("svc2"));
        GroupDiff second = operations().runGroup(group, List.of(service("svc"), svc2));
        assertThat(second.started()).containsExactly(id("svc2"));
        assertThat(second.stopped()).containsExactly(id("job"));
        assertThat(second.unchanged()).containsExactly(id("svc"));
        assertThat(second.revision()).isGreaterThan(first.revision());
        assertThat(operations().group(group).workers()).extracting(w -> w.id()).containsExactlyInAnyOrder(id("svc"), id("svc2"));
    }

    @Test
    void aDryRunGivesTheDiffAndChangesNothing() {
        operations().runGroup(group, List.of(service("svc")));
        await().until(() -> state(id("svc")) == WorkerState.RUNNING);
        String before = operations().group(group).toString();

        GroupDiff dry = operations().dryRunGroup(new io.covey.core.spec.CoveyGroup(group, List.of(service("svc2"))));

        assertThat(dry.started()).containsExactly(id("svc2"));
        assertThat(dry.stopped()).containsExactly(id("svc"));
        assertThat(operations().group(group).toString()).isEqualTo(before);
        assertThatThrownBy(() -> operations().worker(id("svc2"))).isInstanceOf(CoveyException.class);
        assertThatThrownBy(() -> operations().dryRunGroup(new io.covey.core.spec.CoveyGroup(group + "-other",
                List.of(service("svc"))))).isInstanceOf(CoveyException.class).hasMessageContaining("already declared in group");
    }

    @Test
    void addWorkersAndRemoveWorkersChangeOneGroupInPlace() {
        operations().runGroup(group, List.of(service("svc")));
        GroupDiff added = operations().addWorkers(group, List.of(service("more")));
        assertThat(added.started()).containsExactly(id("more"));
        await().until(() -> state(id("more")) == WorkerState.RUNNING);

        assertThatThrownBy(() -> operations().removeWorkers(group, List.of(id("more"), "no-such-worker")))
                .isInstanceOf(CoveyException.class).hasMessageContaining("has no worker 'no-such-worker'");
        assertThat(operations().group(group).workers()).hasSize(2);

        GroupDiff removed = operations().removeWorkers(group, List.of(id("more")));
        assertThat(removed.stopped()).containsExactly(id("more"));
        assertThat(removed.unchanged()).containsExactly(id("svc"));
        await().untilAsserted(() -> assertThat(operations().group(group).workers()).extracting(w -> w.id()).containsExactly(id("svc")));
    }

    @Test
    void stopGroupKeepsTheDeclarationAndNukeGroupForgetsIt() {
        operations().runGroup(group, List.of(service("svc")));
        await().until(() -> state(id("svc")) == WorkerState.RUNNING);
        assertThat(operations().stopGroup(group).stopped()).isTrue();
        await().until(() -> state(id("svc")) == WorkerState.STOPPED);
        assertThat(operations().groups()).extracting(g -> g.name()).contains(group);

        operations().runGroup(group, List.of(service("svc")));
        await().until(() -> state(id("svc")) == WorkerState.RUNNING);
        operations().nukeGroup(group);
        assertThatThrownBy(() -> operations().group(group))
                .isInstanceOf(CoveyException.class).hasMessageContaining("no group named '" + group + "'");
    }

    @Test
    void refusalsAreCoveyExceptionsThatSayWhy() {
        assertThatThrownBy(() -> operations().worker("no-such-worker"))
                .isInstanceOf(CoveyException.class).hasMessageContaining("no worker with id 'no-such-worker'");
        assertThatThrownBy(() -> operations().runGroup(group, List.of(WorkerSpec.of("NoSuchType", null))))
                .isInstanceOf(CoveyException.class).hasMessageContaining("worker type 'NoSuchType' is not declared");
        operations().runGroup(group, List.of(service("svc")));
        assertThatThrownBy(() -> operations().runGroup(group + "-other", List.of(service("svc"))))
                .isInstanceOf(CoveyException.class).hasMessageContaining("is already declared in group '" + group + "'");
    }

    @Test
    void logsRestartAndWorkerTypes() {
        assertThat(operations().workerTypes()).contains("CountdownJob", "ServiceWorker");
        operations().runGroup(group, List.of(service("svc")));
        await().until(() -> operations().logs(id("svc"), 10).stream().anyMatch(l -> l.line().equals("hello from svc")));

        operations().restartWorker(id("svc"));
        await().until(() -> operations().worker(id("svc")).attempt() == 2 && state(id("svc")) == WorkerState.RUNNING);
    }

    @Test
    void killEndsARunningWorkerAsAKilledCrashAndItsRestartPolicyBringsItBack() {
        operations().runGroup(group, List.of(service("svc")));
        await().until(() -> state(id("svc")) == WorkerState.RUNNING);
        List<CoveyEvent> seen = new CopyOnWriteArrayList<>();
        try (Subscription subscription = operations().subscribe(EventFilter.worker(id("svc")).withTypes(EventType.LIFECYCLE), seen::add)) {
            operations().kill(id("svc"));
            await().until(() -> operations().worker(id("svc")).attempt() == 2 && state(id("svc")) == WorkerState.RUNNING);
            await().untilAsserted(() -> assertThat(seen).anySatisfy(e -> {
                LifecycleEvent crash = (LifecycleEvent) e;
                assertThat(crash.state()).isEqualTo(WorkerState.CRASHED);
                assertThat(crash.crashReason()).isEqualTo(io.covey.core.lifecycle.CrashReason.KILLED);
                assertThat(crash.message()).contains("killed on request");
            }));
        }
        assertThatThrownBy(() -> operations().kill("no-such-worker"))
                .isInstanceOf(CoveyException.class).hasMessageContaining("no worker with id 'no-such-worker'");
    }

    @Test
    void instancesRunUnderTheirOwnIdsAndScaleStartsOrStopsTheHighestOnes() {
        GroupDiff declared = operations().runGroup(group, List.of(service("web").setInstances(3)));
        assertThat(declared.started()).containsExactly(id("web-0"), id("web-1"), id("web-2"));
        await().until(() -> declared.started().stream().allMatch(id -> state(id) == WorkerState.RUNNING));
        assertThat(operations().worker(id("web-2")).instance()).isEqualTo(2);
        assertThat(operations().worker(id("web-2")).spec().effectiveId()).isEqualTo(id("web"));

        GroupDiff down = operations().scale(id("web"), 1);
        assertThat(down.stopped()).containsExactly(id("web-1"), id("web-2"));
        assertThat(down.unchanged()).containsExactly(id("web-0"));
        await().untilAsserted(() -> assertThat(operations().group(group).workers()).extracting(w -> w.id())
                .containsExactly(id("web-0")));

        GroupDiff up = operations().scale(id("web-0"), 2);
        assertThat(up.started()).containsExactly(id("web-1"));
        await().until(() -> state(id("web-1")) == WorkerState.RUNNING);
        assertThat(operations().worker(id("web-0")).attempt()).isEqualTo(1);
        assertThatThrownBy(() -> operations().scale("no-such-worker", 2))
                .isInstanceOf(CoveyException.class).hasMessageContaining("no worker with id 'no-such-worker'");
    }

    @Test
    void aRollingUpdateReplacesEachInstanceAndSaysSoInGroupEvents() {
        List<CoveyEvent> seen = new CopyOnWriteArrayList<>();
        WorkerSpec v1 = WorkerSpec.of("ServiceWorker", new ServiceWorker.Params("v1")).withId(id("api")).withInstances(2)
                .withUpdate(io.covey.core.spec.UpdateStrategy.ROLLING);
        try (Subscription subscription = operations().subscribe(EventFilter.group(group).withTypes(EventType.GROUP), seen::add)) {
            operations().runGroup(group, List.of(v1));
            await().until(() -> state(id("api-0")) == WorkerState.RUNNING && state(id("api-1")) == WorkerState.RUNNING);

            GroupDiff diff = operations().runGroup(group, List.of(v1.withInstances(2).withUpdate(io.covey.core.spec.UpdateStrategy.ROLLING)
                    .withOptions(WorkerOptions.NONE.withStopTimeout(Duration.ofSeconds(3)))));

            assertThat(diff.started()).containsExactly(id("api-0"), id("api-1"));
            await().untilAsserted(() -> assertThat(seen).anySatisfy(e -> assertThat(((io.covey.core.event.GroupEvent) e).message())
                    .isEqualTo("rolling update done: 2 of 2 replaced (" + id("api-0") + ", " + id("api-1") + ")")));
        }
        assertThat(operations().worker(id("api-1")).attempt()).isEqualTo(2);
        assertThat(operations().worker(id("api-1")).spec().update()).isEqualTo(io.covey.core.spec.UpdateStrategy.ROLLING);
    }

    @Test
    void aSubscriberReceivesTheLifecycleOfAJobInOrder() {
        List<CoveyEvent> seen = new CopyOnWriteArrayList<>();
        try (Subscription subscription = operations().subscribe(EventFilter.group(group).withTypes(EventType.LIFECYCLE), seen::add)) {
            operations().runGroup(group, List.of(countdown("job", 3)));
            await().until(() -> seen.stream().anyMatch(e -> ((LifecycleEvent) e).state() == WorkerState.COMPLETED));
            assertThat(seen).extracting(e -> ((LifecycleEvent) e).state())
                    .containsExactly(WorkerState.PENDING, WorkerState.STARTING, WorkerState.RUNNING, WorkerState.COMPLETED);
            assertThat(seen).extracting(CoveyEvent::seq).isSorted().doesNotHaveDuplicates();
            // The local cursor also moves past filtered-out events; the remote one only sees what the host sent.
            assertThat(subscription.lastSeq()).isGreaterThanOrEqualTo(seen.get(seen.size() - 1).seq());
        }
    }

    @Test
    void resultCompletesWithTheValueTheJobCompletedWith() {
        operations().runGroup(group, List.of(countdown("job", 3)));
        CompletableFuture<CountdownJob.Result> result = operations().result(id("job"), CountdownJob.Result.class);
        assertThat(result).succeedsWithin(Duration.ofSeconds(10)).isEqualTo(new CountdownJob.Result(3, "liftoff"));
        // Asked again once it is COMPLETED: at once, from the recorded status.
        assertThat(operations().result(id("job"))).isCompleted();
    }

    @Test
    void resultFailsWhenTheWorkerIsRemovedOrCrashesForGood() {
        operations().runGroup(group, List.of(service("svc"),
                new CrashingWorker().setId(id("crash")).setOptions(WorkerOptions.NONE.withRestart(RestartPolicy.NEVER))));
        CompletableFuture<?> removed = operations().result(id("svc"));
        await().until(() -> state(id("svc")) == WorkerState.RUNNING);
        operations().removeWorkers(group, List.of(id("svc")));
        assertThat(removed).failsWithin(Duration.ofSeconds(10)).withThrowableThat()
                .havingCause().isInstanceOf(WorkerEndedException.class).withMessageContaining("was removed");

        assertThat(operations().result(id("crash"))).failsWithin(Duration.ofSeconds(10)).withThrowableThat()
                .havingCause().isInstanceOf(WorkerEndedException.class).withMessageContaining("restart policy is never");
        assertThatThrownBy(() -> operations().result("no-such-worker"))
                .isInstanceOf(CoveyException.class).hasMessageContaining("no worker with id 'no-such-worker'");
    }

    private InputSinkWorker sink(String name, Long holdMs) {
        return (InputSinkWorker) new InputSinkWorker(new InputSinkWorker.Params(name, holdMs)).setId(id(name));
    }

    private List<String> workerLines(String id) {
        return operations().logs(id, 200).stream().filter(l -> l.stream().equals("worker")).map(l -> l.line()).toList();
    }

    @Test
    void sendDeliversJsonAndBytesToTheWorkerInOrder() {
        operations().runGroup(group, List.of(sink("sink", null)));
        await().until(() -> state(id("sink")) == WorkerState.RUNNING);

        io.covey.core.api.InputReceipt receipt = operations().send(id("sink"), java.util.Map.of("n", 0));
        assertThat(receipt.worker()).isEqualTo(id("sink"));
        assertThat(receipt.attempt()).isEqualTo(1);
        List<String> expected = new java.util.ArrayList<>(List.of("json {\"n\":0}"));
        for (int i = 1; i < 20; i++) {
            operations().send(id("sink"), java.util.Map.of("n", i));
            expected.add("json {\"n\":" + i + "}");
        }
        operations().send(id("sink"), new byte[] {0, 127, (byte) 128, (byte) 255});
        expected.add("bytes 007f80ff");
        operations().send(id("sink"), "text");
        expected.add("json \"text\"");
        await().untilAsserted(() -> assertThat(workerLines(id("sink"))).isEqualTo(expected));
    }

    @Test
    void sendIsRefusedByAWorkerThatTakesNoInput_andByAFullQueue() {
        operations().runGroup(group, List.of(service("svc"), sink("slow", 60_000L)));
        await().until(() -> state(id("svc")) == WorkerState.RUNNING && state(id("slow")) == WorkerState.RUNNING);

        assertThatThrownBy(() -> operations().send(id("svc"), "hi")).isInstanceOf(CoveyException.class)
                .hasMessageContaining("takes no input: its type 'ServiceWorker' does not override onInput");
        assertThatThrownBy(() -> operations().send("no-such-worker", "hi"))
                .isInstanceOf(CoveyException.class).hasMessageContaining("no worker with id 'no-such-worker'");
        int accepted = 0;
        while (accepted < 1000) { // the default queue holds 64; the first input is held by the worker meanwhile
            try {
                operations().send(id("slow"), accepted);
                accepted++;
            } catch (CoveyException full) {
                assertThat(full).hasMessageContaining("send again once it has caught up");
                break;
            }
        }
        assertThat(accepted).isEqualTo(64);
    }
}
