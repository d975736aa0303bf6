package io.covey.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.covey.core.event.EventFilter;
import io.covey.core.event.HealthEvent;
import io.covey.core.event.LifecycleEvent;
import io.covey.core.json.CoveyJson;
import io.covey.core.lifecycle.WorkerState;
import io.covey.core.spec.CoveyGroup;
import io.covey.core.spec.WorkerOptions;
import io.covey.core.spec.WorkerSpec;
import io.covey.engine.testworkers.HealthProbeWorker;

/** Health checks of in-process workers: results, restarts for failures, and a check that hangs. */
class HealthCheckTest {
    private static final WorkerOptions FAST = WorkerOptions.NONE.withHealth(Duration.ofMillis(100), Duration.ofMillis(300), 3);

    private final CoveyManager manager = TestManagers.inProcess();
    private final RecordingListener events = new RecordingListener();
    @TempDir
    Path hanging;
    @TempDir
    Path fine;

    HealthCheckTest() {
        manager.subscribe(EventFilter.ALL, events);
    }

    @AfterEach
    void close() {
        manager.close();
    }

    private static WorkerSpec probe(String id, Path flags) {
        return new WorkerSpec("HealthProbeWorker", id, CoveyJson.toTree(new HealthProbeWorker.Params(flags.toString())), FAST);
    }

    private List<HealthEvent> health(String worker) {
        return events.events().stream().filter(e -> e instanceof HealthEvent h && h.worker().equals(worker))
                .map(HealthEvent.class::cast).toList();
    }

    @Test
    void aHangingCheckFailsAfterItsTimeoutAndNeverHoldsUpOtherWorkersChecks() throws Exception {
        manager.runGroup(new CoveyGroup("g", List.of(probe("hangs", hanging), probe("fine", fine))));
        await().until(() -> health("hangs").size() >= 1 && health("fine").size() >= 1);
        Files.createFile(hanging.resolve("hang"));

        // The listener is told after the manager's state moves on: wait for the events, not only the attempt.
        await().atMost(Duration.ofSeconds(10)).until(() -> manager.worker("hangs").attempt() >= 2
                && events.lifecycle("hangs").stream().anyMatch(e -> e.state() == WorkerState.CRASHED));

        List<HealthEvent> failures = health("hangs").stream().filter(h -> !h.healthy()).toList();
        assertThat(failures).hasSizeGreaterThanOrEqualTo(3);
        assertThat(failures.get(0).message()).isEqualTo("the health check did not answer within 300ms");
        LifecycleEvent crash = events.lifecycle("hangs").stream().filter(e -> e.state() == WorkerState.CRASHED).findFirst().orElseThrow();
        assertThat(crash.message()).startsWith("unhealthy: 3 health checks failed in a row (last: ");
        // While "hangs" hung, "fine" kept being checked.
        long hangBegan = health("hangs").stream().filter(h -> h.healthy() && h.seq() < failures.get(0).seq())
                .mapToLong(HealthEvent::seq).max().orElseThrow();
        long fineChecksMeanwhile = health("fine").stream()
                .filter(h -> h.seq() > hangBegan && h.seq() < crash.seq() && h.healthy()).count();
        assertThat(fineChecksMeanwhile).isGreaterThanOrEqualTo(2);
        assertThat(manager.worker("fine").health().healthy()).isTrue();
        assertThat(manager.worker("fine").health().message()).isEqualTo("fine");
        assertThat(manager.worker("fine").attempt()).isEqualTo(1);
    }

    @Test
    void failedChecksRestartTheWorkerAndAHealthyAnswerResetsTheCount() throws Exception {
        manager.runGroup(new CoveyGroup("g", List.of(probe("flaky", fine))));
        await().until(() -> manager.worker("flaky").health() != null && manager.worker("flaky").health().healthy());

        Files.createFile(fine.resolve("fail"));
        await().until(() -> manager.worker("flaky").restarts() == 1);
        Files.delete(fine.resolve("fail"));

        await().until(() -> manager.worker("flaky").state() == WorkerState.RUNNING && manager.worker("flaky").health().attempt() == 2
                && manager.worker("flaky").health().healthy());
        assertThat(events.lifecycle("flaky")).extracting(LifecycleEvent::message)
                .contains("unhealthy: 3 health checks failed in a row (last: the fail flag is set)");
        assertThat(health("flaky").stream().filter(h -> h.attempt() == 1 && !h.healthy()).count()).isEqualTo(3);
    }
}
