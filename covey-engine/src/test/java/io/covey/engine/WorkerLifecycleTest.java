package io.covey.engine;

import static io.covey.core.lifecycle.WorkerState.COMPLETED;
import static io.covey.core.lifecycle.WorkerState.PENDING;
import static io.covey.core.lifecycle.WorkerState.RUNNING;
import static io.covey.core.lifecycle.WorkerState.STARTING;
import static io.covey.core.lifecycle.WorkerState.STOPPED;
import static io.covey.core.lifecycle.WorkerState.STOPPING;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import io.covey.core.api.LogLine;
import io.covey.core.api.WorkerEndedException;
import io.covey.core.event.DataEvent;
import io.covey.core.event.EventFilter;
import io.covey.core.json.CoveyJson;
import io.covey.core.spec.RestartPolicy;
import io.covey.core.spec.WorkerSpec;
import io.covey.engine.testworkers.CountdownJob;
import io.covey.engine.testworkers.ServiceWorker;

class WorkerLifecycleTest {
    private final CoveyManager manager = TestManagers.inProcess();

    @AfterEach
    void close() {
        manager.close();
    }

    @Test
    void aServiceRunsUntilStoppedAndReportsEveryStepLogsAndData() {
        RecordingListener events = new RecordingListener();
        manager.subscribe(EventFilter.group("g"), events);
        ServiceWorker worker = new ServiceWorker(new ServiceWorker.Params("svc"));
        String id = worker.toSpec().effectiveId();
        manager.runGroup("g", List.of(worker.setOptions(TestManagers.IN_PROCESS)));
        await().until(() -> manager.worker(id).state() == RUNNING);
        assertThat(manager.worker(id).message()).isEqualTo("serving svc");

        manager.stopGroup("g");
        await().until(() -> manager.worker(id).state() == STOPPED);

        await().untilAsserted(() -> assertThat(events.states(id)).containsExactly(PENDING, STARTING, STARTING, RUNNING, STOPPING, STOPPED));
        assertThat(events.events()).anySatisfy(e -> assertThat(e).isInstanceOfSatisfying(DataEvent.class,
                data -> assertThat(data.data().get("name").asString()).isEqualTo("svc")));
        assertThat(manager.logs(id, 10)).extracting(LogLine::line).contains("hello from svc");
        assertThat(manager.worker(id).forced()).isFalse();
        assertThat(manager.worker(id).endedAt()).isNotNull();
    }

    @Test
    void aJobCompletesWithItsResult() throws Exception {
        CountdownJob job = new CountdownJob(new CountdownJob.Params(3));
        String id = job.toSpec().effectiveId();
        manager.runGroup("g", List.of(job.setOptions(TestManagers.IN_PROCESS)));

        CountdownJob.Result result = manager.result(id, CountdownJob.Result.class).get(10, TimeUnit.SECONDS);

        assertThat(result).isEqualTo(new CountdownJob.Result(3, "liftoff"));
        await().until(() -> manager.worker(id).state() == COMPLETED);
        assertThat(manager.worker(id).result()).isEqualTo(CoveyJson.toTree(result));
        assertThat(manager.result(id).get(1, TimeUnit.SECONDS)).isEqualTo(CoveyJson.toTree(result));
        assertThat(manager.logs(id, 2)).extracting(LogLine::line).containsExactly("tick 2", "tick 1");
    }

    @Test
    void theResultFailsWhenTheWorkerFailsOrIsRemoved() {
        manager.runGroup("g", List.of(
                new WorkerSpec("CrashingWorker", "fails", null, TestManagers.IN_PROCESS.withRestartLimit(1, java.time.Duration.ofMinutes(10))),
                new WorkerSpec("ServiceWorker", "removed", CoveyJson.toTree(Map.of("name", "r")), null),
                new WorkerSpec("CrashingWorker", "never", null, TestManagers.IN_PROCESS.withRestart(RestartPolicy.NEVER))));
        var failing = manager.result("fails");
        var removed = manager.result("removed");
        var never = manager.result("never");
        await().until(() -> manager.worker("removed").state() == RUNNING);

        manager.removeWorkers("g", List.of("removed"));

        assertThatThrownBy(() -> failing.get(10, TimeUnit.SECONDS)).isInstanceOf(ExecutionException.class)
                .cause().isInstanceOf(WorkerEndedException.class).hasMessageContaining("'fails' failed");
        assertThatThrownBy(() -> removed.get(10, TimeUnit.SECONDS)).cause()
                .isInstanceOf(WorkerEndedException.class).hasMessageContaining("was removed");
        assertThatThrownBy(() -> never.get(10, TimeUnit.SECONDS)).cause()
                .hasMessageContaining("restart policy is never");
    }

    @Test
    void closingTheManagerStopsEveryWorker() {
        CoveyManager other = TestManagers.inProcess();
        ServiceWorker worker = new ServiceWorker(new ServiceWorker.Params("x"));
        String id = worker.toSpec().effectiveId();
        RecordingListener events = new RecordingListener();
        other.subscribe(EventFilter.ALL, events);
        other.runGroup("g", List.of(worker.setOptions(TestManagers.IN_PROCESS)));
        await().until(() -> other.worker(id).state() == RUNNING);

        other.close();

        await().untilAsserted(() -> assertThat(events.states(id)).endsWith(STOPPING, STOPPED));
        assertThat(other.isClosed()).isTrue();
    }
}
