package io.covey.engine.foreign;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import io.covey.core.event.CoveyEvent;
import io.covey.core.event.DataEvent;
import io.covey.core.event.EventFilter;
import io.covey.core.event.LifecycleEvent;
import io.covey.core.event.LogEvent;
import io.covey.core.event.ResultEvent;
import io.covey.core.json.CoveyJson;
import io.covey.core.lifecycle.WorkerState;
import io.covey.core.spec.CoveyGroup;
import io.covey.core.spec.WorkerOptions;
import io.covey.core.spec.WorkerSpec;
import io.covey.engine.CoveyManager;
import io.covey.engine.ExecutorScheduler;
import io.covey.engine.foreign.workers.GreeterWorker;
import io.covey.core.launch.ChildLaunchSettings;

/** The foreign launcher wired into the manager: the same worker class behaves the same in a child JVM. */
class ForeignManagerTest {
    private final ExecutorScheduler scheduler = new ExecutorScheduler();
    private final ForeignWorkerLauncher launcher = new ForeignWorkerLauncher(ChildLaunchSettings.defaults(), scheduler);
    private final CoveyManager manager = CoveyManager.builder(ForeignTestSupport.MANIFEST)
            .scheduler(scheduler).foreignLauncher(launcher).build();
    private final List<CoveyEvent> events = new CopyOnWriteArrayList<>();

    ForeignManagerTest() {
        manager.subscribe(EventFilter.ALL, events::add);
    }

    @AfterEach
    void cleanUp() {
        manager.close();
        launcher.close();
        scheduler.close();
    }

    private static WorkerSpec greeter(String id, boolean foreign, boolean stay) {
        return new WorkerSpec("GreeterWorker", id, CoveyJson.toTree(new GreeterWorker.Params("covey", stay)),
                WorkerOptions.NONE.withForeign(foreign));
    }

    @Test
    void aForeignWorkerGoesFromStartingToRunningWithItsEventsAndStopsOnRequest() {
        manager.runGroup(new CoveyGroup("g", List.of(greeter("svc", true, true))));

        await().atMost(Duration.ofSeconds(20)).until(() -> manager.worker("svc").state() == WorkerState.RUNNING);
        assertThat(manager.worker("svc").pid()).isNotNull();
        assertThat(manager.worker("svc").foreign()).isTrue();
        await().atMost(Duration.ofSeconds(5)).until(() -> logs("svc", "stderr").contains("a warning on stderr"));
        assertThat(lifecycle("svc")).containsSubsequence("STARTING attempt 1", "STARTING warming up", "RUNNING ready");
        assertThat(logs("svc", "stdout")).contains("hello covey from stdout");
        assertThat(logs("svc", "worker")).containsExactly("a log line");
        assertThat(data("svc")).containsExactly(CoveyJson.toTree(Map.of("n", 1)));

        manager.stopGroup("g");

        await().atMost(Duration.ofSeconds(20)).until(() -> manager.worker("svc").state() == WorkerState.STOPPED);
        assertThat(lifecycle("svc")).last().isEqualTo("STOPPED bye");
        assertThat(manager.worker("svc").forced()).isFalse();
    }

    @Test
    void theSameWorkerClassReportsTheSameInProcessAndForeign() throws Exception {
        manager.runGroup(new CoveyGroup("both", List.of(greeter("inside", false, false), greeter("outside", true, false))));

        Object inside = manager.result("inside").get(20, TimeUnit.SECONDS);
        Object outside = manager.result("outside").get(20, TimeUnit.SECONDS);
        await().atMost(Duration.ofSeconds(10)).until(() -> manager.worker("outside").state() == WorkerState.COMPLETED
                && manager.worker("inside").state() == WorkerState.COMPLETED);

        assertThat(outside).isEqualTo(inside).isEqualTo(CoveyJson.toTree(Map.of("greeting", "hello covey")));
        assertThat(lifecycle("outside")).isEqualTo(lifecycle("inside")).containsSubsequence(
                "STARTING attempt 1", "STARTING warming up", "RUNNING ready", "COMPLETED completed");
        assertThat(logs("outside", "worker")).isEqualTo(logs("inside", "worker")).containsExactly("a log line");
        assertThat(data("outside")).isEqualTo(data("inside"));
        assertThat(results("outside")).isEqualTo(results("inside")).hasSize(1);
        // Only the child's output is captured: an in-process worker writes to the host's own stdout.
        assertThat(logs("outside", "stdout")).contains("hello covey from stdout");
    }

    private List<String> lifecycle(String worker) {
        return events.stream().filter(e -> e instanceof LifecycleEvent && worker.equals(e.worker()))
                .map(e -> ((LifecycleEvent) e).state() + " " + ((LifecycleEvent) e).message()).toList();
    }

    private List<String> logs(String worker, String stream) {
        return events.stream().filter(e -> e instanceof LogEvent log && worker.equals(log.worker()) && stream.equals(log.stream()))
                .map(e -> ((LogEvent) e).line()).toList();
    }

    private List<Object> data(String worker) {
        return events.stream().filter(e -> e instanceof DataEvent && worker.equals(e.worker()))
                .map(e -> (Object) ((DataEvent) e).data()).toList();
    }

    private List<Object> results(String worker) {
        return events.stream().filter(e -> e instanceof ResultEvent && worker.equals(e.worker()))
                .map(e -> (Object) ((ResultEvent) e).result()).filter(Objects::nonNull).toList();
    }
}
