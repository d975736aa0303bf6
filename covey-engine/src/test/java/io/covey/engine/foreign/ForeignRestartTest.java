package io.covey.engine.foreign;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import io.covey.core.event.CoveyEvent;
import io.covey.core.event.DataEvent;
import io.covey.core.event.EventFilter;
import io.covey.core.event.LifecycleEvent;
import io.covey.core.json.CoveyJson;
import io.covey.core.lifecycle.WorkerState;
import io.covey.core.spec.CoveyGroup;
import io.covey.core.spec.WorkerOptions;
import io.covey.core.spec.WorkerSpec;
import io.covey.engine.CoveyManager;
import io.covey.engine.ExecutorScheduler;
import io.covey.engine.foreign.workers.GreeterWorker;

/** What the manager makes of a child's end: a killed child restarts, a stubborn one is forced, a frozen one replaced. */
class ForeignRestartTest {
    private final ExecutorScheduler scheduler = new ExecutorScheduler();
    private final ForeignWorkerLauncher launcher = new ForeignWorkerLauncher(
            ForeignTestSupport.settings(Duration.ofSeconds(1), Duration.ofSeconds(3), Duration.ofSeconds(1)), scheduler);
    private final CoveyManager manager = CoveyManager.builder(ForeignTestSupport.MANIFEST)
            .scheduler(scheduler).foreignLauncher(launcher).build();
    private final List<CoveyEvent> events = new CopyOnWriteArrayList<>();
    private final List<Long> pids = new ArrayList<>();

    ForeignRestartTest() {
        manager.subscribe(EventFilter.ALL, events::add);
    }

    @AfterEach
    void cleanUp() {
        manager.close();
        launcher.close();
        scheduler.close();
        pids.forEach(pid -> ProcessHandle.of(pid).ifPresent(ProcessHandle::destroyForcibly));
    }

    private void runGreeter(String id) {
        manager.runGroup(new CoveyGroup("g", List.of(new WorkerSpec("GreeterWorker", id,
                CoveyJson.toTree(new GreeterWorker.Params("covey", true)), WorkerOptions.NONE.withForeign(true)))));
        await().atMost(Duration.ofSeconds(30)).until(() -> manager.worker(id).state() == WorkerState.RUNNING);
    }

    private List<LifecycleEvent> lifecycle(String id) {
        return events.stream().filter(e -> e instanceof LifecycleEvent l && l.worker().equals(id)).map(LifecycleEvent.class::cast).toList();
    }

    @Test
    void aChildKilledWithSigkillCrashesWithTheSignalAndRunsAgainAsAttemptTwo() {
        runGreeter("victim");
        long pid = manager.worker("victim").pid();
        pids.add(pid);

        ProcessHandle.of(pid).orElseThrow().destroyForcibly();

        await().atMost(Duration.ofSeconds(30)).until(() -> manager.worker("victim").attempt() == 2
                && manager.worker("victim").state() == WorkerState.RUNNING);
        pids.add(manager.worker("victim").pid());
        await().untilAsserted(() -> {
            List<LifecycleEvent> afterKill = lifecycle("victim");
            assertThat(afterKill).extracting(LifecycleEvent::state).containsSubsequence(
                    WorkerState.RUNNING, WorkerState.CRASHED, WorkerState.BACKOFF, WorkerState.STARTING, WorkerState.RUNNING);
            assertThat(afterKill.stream().filter(e -> e.state() == WorkerState.CRASHED).findFirst().orElseThrow().message())
                    .contains("KILL");
        });
        assertThat(manager.worker("victim").pid()).isNotEqualTo(pid);
    }

    @Test
    void aStubbornWorkerWithGrandchildrenIsStoppedForcedAndLeavesNoProcess() {
        manager.runGroup(new CoveyGroup("g", List.of(new WorkerSpec("StubbornWorker", "mule", null,
                WorkerOptions.NONE.withForeign(true).withStopTimeout(Duration.ofSeconds(1))))));
        await().atMost(Duration.ofSeconds(30)).until(() -> manager.worker("mule").state() == WorkerState.RUNNING);
        await().until(() -> events.stream().anyMatch(e -> e instanceof DataEvent d && d.worker().equals("mule")));
        DataEvent published = events.stream().filter(e -> e instanceof DataEvent d && d.worker().equals("mule"))
                .map(DataEvent.class::cast).findFirst().orElseThrow();
        published.data().get("pids").forEach(pid -> pids.add(pid.asLong()));
        assertThat(pids).hasSize(3);

        manager.stopGroup("g");

        await().atMost(Duration.ofSeconds(30)).until(() -> manager.worker("mule").state() == WorkerState.STOPPED);
        assertThat(manager.worker("mule").forced()).isTrue();
        // Events reach the listener on their own thread, a moment after the state is recorded.
        await().untilAsserted(() -> assertThat(lifecycle("mule")).last().satisfies(e -> {
            assertThat(e.state()).isEqualTo(WorkerState.STOPPED);
            assertThat(e.forced()).isTrue();
        }));
        await().atMost(Duration.ofSeconds(10)).until(() -> pids.stream().noneMatch(ForeignTestSupport::alive));
    }

    @Test
    void aChildStoppedWithSigstopIsFoundUnresponsiveAndReplaced() throws Exception {
        runGreeter("frozen");
        long pid = manager.worker("frozen").pid();
        pids.add(pid);

        assertThat(new ProcessBuilder("kill", "-STOP", String.valueOf(pid)).start().waitFor()).isZero();

        await().atMost(Duration.ofSeconds(20)).until(() -> manager.worker("frozen").attempt() == 2
                && manager.worker("frozen").state() == WorkerState.RUNNING);
        pids.add(manager.worker("frozen").pid());
        await().untilAsserted(() -> assertThat(lifecycle("frozen")).anySatisfy(e -> {
            assertThat(e.state()).isEqualTo(WorkerState.CRASHED);
            assertThat(e.message()).contains("unresponsive");
        }));
        await().atMost(Duration.ofSeconds(10)).until(() -> !ForeignTestSupport.alive(pid));
    }
}
