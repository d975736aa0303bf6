package io.covey.engine.foreign;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.awaitility.Awaitility.await;

import java.util.concurrent.CopyOnWriteArrayList;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import io.covey.core.api.JvmOptionNotAllowedException;
import io.covey.core.event.CoveyEvent;
import io.covey.core.event.EventFilter;
import io.covey.core.event.LifecycleEvent;
import io.covey.core.json.CoveyJson;
import io.covey.core.lifecycle.CrashReason;
import io.covey.core.lifecycle.WorkerState;
import io.covey.core.spec.ByteSize;
import io.covey.core.spec.CoveyGroup;
import io.covey.core.spec.WorkerOptions;
import io.covey.core.spec.WorkerSpec;
import io.covey.engine.CoveyManager;
import io.covey.engine.ExecutorScheduler;
import io.covey.engine.foreign.workers.LimitsWorker;
import tools.jackson.databind.JsonNode;

/** A worker's own limits on real child JVMs: its heap, its JVM options and the policy over them. */
class ForeignLimitsTest {
    private final ExecutorScheduler scheduler = new ExecutorScheduler();
    private final ForeignWorkerLauncher launcher = new ForeignWorkerLauncher(
            ForeignTestSupport.settings(Duration.ofSeconds(1), Duration.ofSeconds(10), Duration.ofSeconds(1))
                    .withUsageSampleInterval(Duration.ofMillis(200)), scheduler);
    private final CoveyManager manager = CoveyManager.builder(ForeignTestSupport.MANIFEST)
            .scheduler(scheduler).foreignLauncher(launcher).build();
    private final List<CoveyEvent> events = new CopyOnWriteArrayList<>();

    ForeignLimitsTest() {
        manager.subscribe(EventFilter.ALL, events::add);
    }

    @AfterEach
    void cleanUp() {
        manager.close();
        launcher.close();
        scheduler.close();
    }

    static WorkerSpec limits(String id, String mode, WorkerOptions options) {
        return new WorkerSpec("LimitsWorker", id, CoveyJson.toTree(new LimitsWorker.Params(mode, 8, 0)), options);
    }

    @Test
    void maxHeapAndJvmOptionsReachTheChildJvm() throws Exception {
        manager.runGroup(new CoveyGroup("g", List.of(
                limits("small", "heap", WorkerOptions.NONE.withMaxHeap(ByteSize.parse("48m"))),
                limits("opts", "heap", WorkerOptions.NONE.withJvmOptions(List.of("-Xmx96m", "-Dlimits.test=yes"))))));

        JsonNode small = manager.result("small").get(30, TimeUnit.SECONDS);
        JsonNode opts = manager.result("opts").get(30, TimeUnit.SECONDS);

        // The serial collector reports the heap less one survivor space: a little under -Xmx.
        assertThat(small.get("maxHeap").asLong()).isBetween(40L << 20, 48L << 20);
        assertThat(opts.get("maxHeap").asLong()).isBetween(80L << 20, 96L << 20);
    }

    @Test
    void aJvmOptionOutsideThePolicyIsRefusedAndNothingIsDeclared() {
        assertThatThrownBy(() -> manager.runGroup(new CoveyGroup("g", List.of(limits("agent", "heap",
                WorkerOptions.NONE.withJvmOptions(List.of("-Xmx64m", "-javaagent:/tmp/agent.jar")))))))
                .isInstanceOf(JvmOptionNotAllowedException.class)
                .hasMessageContaining("'-javaagent:/tmp/agent.jar'")
                .extracting(e -> ((JvmOptionNotAllowedException) e).option()).isEqualTo("-javaagent:/tmp/agent.jar");
        assertThat(manager.groups()).isEmpty();
    }

    private static WorkerSpec exiting(String id, int code, WorkerOptions options) {
        return new WorkerSpec("LimitsWorker", id, CoveyJson.toTree(new LimitsWorker.Params("exit", 8, code)), options);
    }

    private LifecycleEvent lastCrash(String id) {
        return events.stream().filter(e -> e instanceof LifecycleEvent l && l.worker().equals(id) && l.state() == WorkerState.CRASHED)
                .map(LifecycleEvent.class::cast).reduce((a, b) -> b).orElseThrow();
    }

    private long attempts(String id) {
        return events.stream().filter(e -> e instanceof LifecycleEvent l && l.worker().equals(id) && l.state() == WorkerState.STARTING
                && l.message().startsWith("attempt ")).count();
    }

    @Test
    void failedInAChildAndAListedExitCodeAreFailedAtOnceWithoutARestart() {
        manager.runGroup(new CoveyGroup("g", List.of(
                limits("bad-params", "failed", WorkerOptions.NONE),
                exiting("config", 78, WorkerOptions.NONE.withNoRestartExitCodes(List.of(78))))));

        await().atMost(Duration.ofSeconds(30)).until(() -> manager.worker("bad-params").state() == WorkerState.FAILED
                && manager.worker("config").state() == WorkerState.FAILED);

        assertThat(manager.worker("bad-params").message()).isEqualTo("failed: params cannot work: no such account; not restarted");
        assertThat(lastCrash("bad-params").crashReason()).isEqualTo(CrashReason.FAILED);
        assertThat(manager.worker("config").message()).startsWith("exit code 78 is one of noRestartExitCodes [78]; not restarted");
        assertThat(attempts("bad-params")).isEqualTo(1);
        assertThat(attempts("config")).isEqualTo(1);
    }

    @Test
    void theDeadlineEndsAChildThatWouldRunForeverFailedDeadline() {
        manager.runGroup(new CoveyGroup("g", List.of(limits("forever", "forever",
                WorkerOptions.NONE.withDeadline(Duration.ofSeconds(2))))));

        await().atMost(Duration.ofSeconds(30)).until(() -> manager.worker("forever").state() == WorkerState.FAILED);

        assertThat(lastCrash("forever").crashReason()).isEqualTo(CrashReason.DEADLINE);
        assertThat(manager.worker("forever").message())
                .isEqualTo("deadline: the run took longer than 2s (over 1 attempt); not restarted");
        assertThat(manager.worker("forever").pid()).isNull();
    }

    @Test
    void aChildGrowingPastMaxMemoryIsStoppedWithinTwoSamplesAndRestartedAsMemory() {
        // Grows 8 MiB every 50 ms: 160 MiB/s, so two 200 ms samples are at most 64 MiB of growth apart.
        manager.runGroup(new CoveyGroup("g", List.of(limits("leaky", "grow",
                WorkerOptions.NONE.withMaxMemory(ByteSize.parse("160m")).withStopTimeout(Duration.ofSeconds(2))))));

        await().atMost(Duration.ofSeconds(30)).until(() -> events.stream().anyMatch(e -> e instanceof LifecycleEvent l
                && l.worker().equals("leaky") && l.state() == WorkerState.CRASHED));
        LifecycleEvent crash = lastCrash("leaky");
        assertThat(crash.crashReason()).isEqualTo(CrashReason.MEMORY);
        assertThat(crash.message()).startsWith("memory: the process tree used ").contains("over maxMemory 160m (160.0 MiB)");
        double figure = Double.parseDouble(crash.message().replaceAll(".*used ([0-9.]+) MiB.*", "$1"));
        assertThat(figure).isBetween(160.0, 160.0 + 64 + 16);
        await().atMost(Duration.ofSeconds(30)).until(() -> attempts("leaky") >= 2);
    }

    @Test
    void aChildThatRunsOutOfHeapEndsAsOutOfMemoryNotAsExitCode3() {
        manager.runGroup(new CoveyGroup("g", List.of(limits("hungry", "oom",
                WorkerOptions.NONE.withMaxHeap(ByteSize.parse("24m")).withRestart(io.covey.core.spec.RestartPolicy.NEVER)))));

        await().atMost(Duration.ofSeconds(30)).until(() -> manager.worker("hungry").state() == WorkerState.CRASHED);

        assertThat(lastCrash("hungry").crashReason()).isEqualTo(CrashReason.OUT_OF_MEMORY);
        assertThat(manager.worker("hungry").message())
                .isEqualTo("out of memory: the JVM exited on OutOfMemoryError: Java heap space (exit code 3)");
    }

    @Test
    void aRunningChildReportsItsMemoryAndCpuInItsStatus() {
        manager.runGroup(new CoveyGroup("g", List.of(limits("busy", "forever", WorkerOptions.NONE))));

        await().atMost(Duration.ofSeconds(30)).until(() -> manager.worker("busy").cpuPercent() != null);

        assertThat(manager.worker("busy").memoryBytes()).isBetween(8L << 20, 1L << 30);
        assertThat(manager.worker("busy").cpuPercent()).isBetween(0.0, 400.0);
    }

    private static WorkerSpec stubborn(String id, WorkerOptions options) {
        return new WorkerSpec("StubbornWorker", id, null, options.withRestart(io.covey.core.spec.RestartPolicy.NEVER)
                .withStopTimeout(Duration.ofMillis(500)));
    }

    private List<Long> publishedPids(String id) {
        return events.stream().filter(e -> e instanceof io.covey.core.event.DataEvent d && d.worker().equals(id))
                .map(e -> ((io.covey.core.event.DataEvent) e).data().get("pids")).findFirst()
                .map(node -> { List<Long> pids = new java.util.ArrayList<>(); node.forEach(p -> pids.add(p.asLong())); return pids; })
                .orElseThrow();
    }

    @Test
    void theDeadlineKillsAChildThatRefusesToStopWithItsWholeTree() {
        manager.runGroup(new CoveyGroup("g", List.of(stubborn("mule", WorkerOptions.NONE.withDeadline(Duration.ofSeconds(2))))));

        await().atMost(Duration.ofSeconds(30)).until(() -> manager.worker("mule").state() == WorkerState.FAILED);

        assertThat(lastCrash("mule").crashReason()).isEqualTo(CrashReason.DEADLINE);
        assertThat(lastCrash("mule").message()).isEqualTo("deadline: the run took longer than 2s (over 1 attempt) (the stop had to be forced)");
        await().atMost(Duration.ofSeconds(10)).until(() -> publishedPids("mule").stream().noneMatch(ForeignTestSupport::alive));
    }
}
