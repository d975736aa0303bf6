package io.covey.host.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

import io.covey.core.event.GapEvent;
import io.covey.core.event.LifecycleEvent;
import io.covey.core.lifecycle.WorkerState;

/** A subscriber asking for events older than the host retains gets a gap event first. */
@SpringBootTest(classes = TestHostConfiguration.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"covey.host.worker-defaults.foreign=false", "covey.host.events.retained=20"})
class HostEventGapTest {
    @LocalServerPort
    int port;

    @Test
    void evictedEventsAreAnnouncedWithAGap() {
        try (EventStreamClient all = EventStreamClient.connect(port, "")) {
            new HttpJson(port, null).put("/api/v1/groups/gap", "{\"workers\":[{\"type\":\"ChattyJob\",\"id\":\"c\",\"params\":{\"lines\":100}}]}");
            await().until(() -> all.events().stream().anyMatch(e -> e instanceof LifecycleEvent l && l.state() == WorkerState.COMPLETED));
        }
        try (EventStreamClient late = EventStreamClient.connect(port, "since=1")) {
            await().until(() -> !late.events().isEmpty());
            assertThat(late.events().get(0)).isInstanceOfSatisfying(GapEvent.class, gap -> {
                assertThat(gap.fromSeq()).isEqualTo(2);
                assertThat(gap.toSeq()).isGreaterThan(80);
            });
            await().until(() -> late.count() == 21);
            assertThat(late.events().get(1).seq()).isEqualTo(((GapEvent) late.events().get(0)).toSeq() + 1);
        }
    }
}
