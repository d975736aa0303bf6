package io.covey.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import io.covey.core.api.GroupDiff;
import io.covey.core.lifecycle.WorkerState;
import io.covey.core.spec.CoveyGroup;
import io.covey.core.spec.WorkerSpec;
import io.covey.engine.testworkers.LiveCountingWorker;

class ConcurrentRunGroupTest {
    private final CoveyManager manager = TestManagers.inProcess();
    private final ExecutorService callers = Executors.newFixedThreadPool(16);

    @AfterEach
    void close() {
        callers.shutdownNow();
        manager.close();
    }

    @Test
    void hundredConcurrentRunGroupsEndInTheLastAppliedOneWithNeverTwoLiveInstances() {
        LiveCountingWorker.LIVE.clear();
        LiveCountingWorker.MAX_LIVE.clear();
        List<String> tags = IntStream.range(0, 8).mapToObj(i -> "t" + i).toList();
        List<List<WorkerSpec>> requests = new ArrayList<>();
        for (int r = 0; r < 100; r++) {
            int seed = r;
            // Each request is a different subset of the same eight workers, so ids are reused heavily.
            requests.add(tags.stream().filter(t -> ((seed * 31 + t.hashCode()) % 3) != 0)
                    .map(t -> new WorkerSpec("LiveCountingWorker", "w-" + t, io.covey.core.json.CoveyJson.toTree(Map.of("tag", t)), null))
                    .toList());
        }

        List<CompletableFuture<GroupDiff>> calls = requests.stream()
                .map(list -> CompletableFuture.supplyAsync(() -> manager.runGroup(new CoveyGroup("g", list)), callers))
                .toList();
        List<GroupDiff> diffs = calls.stream().map(CompletableFuture::join).toList();

        GroupDiff lastApplied = diffs.stream().max(Comparator.comparingLong(GroupDiff::revision)).orElseThrow();
        List<WorkerSpec> lastRequest = requests.get(diffs.indexOf(lastApplied));
        Set<String> expectedIds = lastRequest.stream().map(WorkerSpec::effectiveId).collect(Collectors.toSet());

        assertThat(diffs.stream().map(GroupDiff::revision).distinct()).hasSize(100);
        assertThat(manager.group("g").workers()).extracting(w -> w.id()).containsExactlyInAnyOrderElementsOf(expectedIds);
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            assertThat(manager.group("g").workers()).allMatch(w -> w.state() == WorkerState.RUNNING);
            for (String tag : tags) {
                int live = LiveCountingWorker.LIVE.getOrDefault(tag, new java.util.concurrent.atomic.AtomicInteger()).get();
                assertThat(live).as("live instances of %s", tag).isEqualTo(expectedIds.contains("w-" + tag) ? 1 : 0);
            }
        });
        assertThat(LiveCountingWorker.MAX_LIVE.values()).isNotEmpty().allMatch(max -> max == 1);
    }
}
