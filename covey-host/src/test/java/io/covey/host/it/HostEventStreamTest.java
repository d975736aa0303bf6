package io.covey.host.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

import io.covey.core.event.CoveyEvent;
import io.covey.core.event.LifecycleEvent;
import io.covey.core.event.LogEvent;
import io.covey.core.lifecycle.WorkerState;
import io.covey.engine.CoveyManager;
import io.covey.host.events.EventStreamHandler;

/** The WebSocket event stream: order, resume with since=, and slow subscribers. */
@SpringBootTest(classes = TestHostConfiguration.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"covey.host.worker-defaults.foreign=false", "covey.host.events.retained=200000",
                // This test is about fan-out, not about one worker's limits: 100,000 events of one worker must all pass.
                "covey.host.events.worker-burst=1000000", "covey.host.events.retained-bytes=256MB"})
class HostEventStreamTest {
    @LocalServerPort
    int port;
    @Autowired
    CoveyManager manager;
    @Autowired
    EventStreamHandler handler;

    @Test
    void aRunGroupsLifecycleEventsArriveInOrder() {
        try (EventStreamClient client = EventStreamClient.connect(port, "group=ordered&types=lifecycle")) {
            new HttpJson(port, null).put("/api/v1/groups/ordered",
                    "{\"workers\":[{\"type\":\"CountdownJob\",\"id\":\"job\",\"params\":{\"from\":2}}]}");
            await().until(() -> client.events().stream().anyMatch(e -> e instanceof LifecycleEvent l && l.state() == WorkerState.COMPLETED));
            assertThat(client.events()).extracting(e -> ((LifecycleEvent) e).state())
                    .containsExactly(WorkerState.PENDING, WorkerState.STARTING, WorkerState.RUNNING, WorkerState.COMPLETED);
            assertThat(client.events()).extracting(CoveyEvent::seq).isSorted();
            assertThat(client.events()).allMatch(e -> e.group().equals("ordered") && e.worker().equals("job"));
        }
    }

    @Test
    void aReconnectWithSinceGetsExactlyTheMissedEvents() {
        HttpJson api = new HttpJson(port, null);
        EventStreamClient everything = EventStreamClient.connect(port, "group=resume");
        EventStreamClient first = EventStreamClient.connect(port, "group=resume");
        api.put("/api/v1/groups/resume", "{\"workers\":[{\"type\":\"ChattyJob\",\"id\":\"chat1\",\"params\":{\"lines\":50}}]}");
        await().until(() -> first.events().stream().anyMatch(e -> e instanceof LifecycleEvent l && l.state() == WorkerState.COMPLETED));
        long resumeAfter = first.lastSeq();
        first.close();

        api.put("/api/v1/groups/resume", "{\"workers\":[{\"type\":\"ChattyJob\",\"id\":\"chat2\",\"params\":{\"lines\":50}}]}");
        await().until(() -> everything.events().stream().anyMatch(e -> e instanceof LifecycleEvent l
                && l.worker().equals("chat2") && l.state() == WorkerState.COMPLETED));

        try (EventStreamClient resumed = EventStreamClient.connect(port, "group=resume&since=" + resumeAfter)) {
            List<Long> missed = everything.events().stream().map(CoveyEvent::seq).filter(seq -> seq > resumeAfter).toList();
            await().until(() -> resumed.count() >= missed.size());
            assertThat(resumed.events()).extracting(CoveyEvent::seq).containsExactlyElementsOf(missed);
        }
        everything.close();
    }

    @Test
    void aClientThatNeverReadsIsDisconnectedWhileTwentyOthersReceiveAllHundredThousandEvents() throws Exception {
        String query = "worker=chatty&types=log";
        EventStreamClient stuck = EventStreamClient.connectWithoutReading(port, query);
        List<EventStreamClient> readers = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            readers.add(EventStreamClient.connect(port, query));
        }
        await().until(() -> handler.sessionCount() == 21);

        new HttpJson(port, null).put("/api/v1/groups/flood",
                "{\"workers\":[{\"type\":\"ChattyJob\",\"id\":\"chatty\",\"params\":{\"lines\":100000}}]}");

        await().atMost(Duration.ofSeconds(120)).until(() -> readers.stream().allMatch(r -> r.count() >= 100_000));
        for (EventStreamClient reader : readers) {
            List<CoveyEvent> received = reader.events();
            assertThat(received).hasSize(100_000);
            assertThat(received).allMatch(e -> e instanceof LogEvent);
            assertThat(((LogEvent) received.get(99_999)).line()).isEqualTo("line 100000");
            assertThat(received).extracting(CoveyEvent::seq).isSorted();
        }
        await().atMost(Duration.ofSeconds(30)).until(() -> handler.sessionCount() == 20);
        assertThat(stuck.count()).isLessThan(100_000);
        stuck.close();
        readers.forEach(EventStreamClient::close);
        new HttpJson(port, null).delete("/api/v1/groups/flood");
    }
}
