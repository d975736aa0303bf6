package io.covey.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.covey.core.event.CoveyEvent;
import io.covey.core.event.EventFilter;
import io.covey.core.event.GapEvent;
import io.covey.core.event.LifecycleEvent;
import io.covey.core.event.Subscription;
import io.covey.core.lifecycle.WorkerState;
import io.covey.core.spec.WorkerSpec;
import io.covey.engine.testworkers.ChattyJob;
import io.covey.engine.testworkers.ServiceWorker;

/** A subscription outlives dropped connections and host restarts, and still sees every event once, in order. */
class SubscriptionResilienceTest {
    @TempDir
    Path stateDir;

    private static CoveyClientSettings settings(String baseUrl) {
        return CoveyClientSettings.of(baseUrl).withReconnect(Duration.ofMillis(50), Duration.ofMillis(500));
    }

    private static List<String> lines(int count) {
        return IntStream.rangeClosed(1, count).mapToObj(i -> "line " + i).toList();
    }

    private static WorkerSpec chatty(String id, int lines) {
        return WorkerSpec.of("ChattyJob", new ChattyJob.Params(lines)).withId(id);
    }

    @Test
    void connectionsCutMidStreamAndWhileIdleLoseNothingAndDoubleNothing() throws Exception {
        try (TestHost host = TestHost.start("--covey.host.events.retained=100000");
             DroppingProxy proxy = new DroppingProxy(host.port());
             CoveyClient client = new CoveyClient(settings(proxy.baseUrl()))) {
            EventTrail trail = new EventTrail();
            Subscription subscription = client.subscribe(0, EventFilter.ALL, trail);

            client.runGroup("cut", List.of(chatty("chat1", 5000)));
            await().until(() -> trail.logLines("chat1").size() >= 100);
            proxy.dropAll();
            await().atMost(Duration.ofSeconds(30)).until(() -> trail.logLines("chat1").size() == 5000);

            proxy.dropAll();
            client.addWorkers("cut", List.of(chatty("chat2", 2000)));
            await().atMost(Duration.ofSeconds(30)).until(() -> trail.logLines("chat2").size() == 2000);

            assertThat(trail.logLines("chat1")).isEqualTo(lines(5000));
            assertThat(trail.logLines("chat2")).isEqualTo(lines(2000));
            trail.assertEverySeqExactlyOnceInOrder();
            assertThat(trail.events()).noneMatch(GapEvent.class::isInstance);
            assertThat(proxy.accepted()).as("connections, so it did reconnect").isGreaterThanOrEqualTo(3);
            subscription.close();
            assertThat(subscription.isClosed()).isTrue();
        }
    }

    @Test
    void aHostRestartedOnTheSamePortIsFollowedWithAGapForWhatItsShutdownSaidAndNoReusedSeq() {
        TestHost first = TestHost.startOn(0, stateDir);
        int port = first.port();
        EventTrail trail = new EventTrail();
        try (CoveyClient client = new CoveyClient(settings(first.baseUrl()))) {
            try {
                client.subscribe(0, EventFilter.ALL, trail);
                client.runGroup("kept", List.of(WorkerSpec.of("ServiceWorker", new ServiceWorker.Params("k")).withId("svc")));
                await().until(() -> running(trail).size() == 1);
            } finally {
                first.close();
            }
            // The host closed the session; the client keeps trying until the host is back.
            try (TestHost second = TestHost.startOn(port, stateDir)) {
                await().atMost(Duration.ofSeconds(30)).until(() -> running(trail).size() == 2);
                trail.assertEverySeqExactlyOnceInOrder();
                List<CoveyEvent> events = trail.events();
                // The first run's last events (its shutdown) happened after the session closed: announced as a gap.
                assertThat(events).filteredOn(GapEvent.class::isInstance).hasSize(1);
                assertThat(states(events.subList(indexOfGap(events) + 1, events.size())))
                        .containsSubsequence(WorkerState.PENDING, WorkerState.STARTING, WorkerState.RUNNING);
                assertThat(client.worker("svc").state()).isEqualTo(WorkerState.RUNNING);
                client.nukeGroup("kept");
            }
        }
    }

    @Test
    void aHostWithoutAStateDirRestartedOnTheSamePortNumbersOnWithAGapInsteadOfReusingSeqs() {
        TestHost first = TestHost.start();
        int port = first.port();
        EventTrail trail = new EventTrail();
        try (CoveyClient client = new CoveyClient(settings(first.baseUrl()))) {
            try {
                client.subscribe(0, EventFilter.ALL, trail);
                client.runGroup("first", List.of(WorkerSpec.of("ServiceWorker", new ServiceWorker.Params("a")).withId("a")));
                await().until(() -> running(trail).size() == 1);
            } finally {
                first.close();
            }
            // The second run knows nothing of the first; its events must still reach the client, after a gap.
            try (TestHost second = TestHost.startOn(port, null)) {
                client.runGroup("second", List.of(WorkerSpec.of("ServiceWorker", new ServiceWorker.Params("b")).withId("b")));
                await().atMost(Duration.ofSeconds(30)).until(() -> running(trail).size() == 2);
                trail.assertEverySeqExactlyOnceInOrder();
                assertThat(trail.events()).filteredOn(GapEvent.class::isInstance).hasSize(1);
                assertThat(running(trail).get(1).worker()).isEqualTo("b");
                client.nukeGroup("second");
            }
        }
    }

    private static List<LifecycleEvent> running(EventTrail trail) {
        return trail.events().stream().filter(e -> e instanceof LifecycleEvent l && l.state() == WorkerState.RUNNING)
                .map(LifecycleEvent.class::cast).toList();
    }

    private static List<WorkerState> states(List<CoveyEvent> events) {
        return events.stream().filter(LifecycleEvent.class::isInstance).map(e -> ((LifecycleEvent) e).state()).toList();
    }

    private static int indexOfGap(List<CoveyEvent> events) {
        return IntStream.range(0, events.size()).filter(i -> events.get(i) instanceof GapEvent).findFirst().orElseThrow();
    }
}
