package io.covey.core.event;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;

import io.covey.core.json.CoveyJson;
import io.covey.core.lifecycle.WorkerState;

class EventJsonTest {

    @Test
    void aLifecycleEventHasTheDocumentedWireShape() {
        CoveyEvent event = new LifecycleEvent(42, Instant.parse("2026-11-23T10:00:00Z"), "g", "w", 1, WorkerState.RUNNING, "up", false);
        String json = CoveyJson.write(event);
        assertThat(CoveyJson.mapper().readTree(json)).isEqualTo(CoveyJson.mapper().readTree(
                "{\"type\":\"lifecycle\",\"seq\":42,\"time\":\"2026-11-23T10:00:00Z\",\"group\":\"g\",\"worker\":\"w\","
                        + "\"attempt\":1,\"state\":\"RUNNING\",\"message\":\"up\",\"forced\":false}"));
        assertThat(CoveyJson.mapper().readValue(json, CoveyEvent.class)).isEqualTo(event);
    }

    @Test
    void everyKindRoundTrips() {
        Instant now = Instant.parse("2026-11-23T10:00:00Z");
        List<CoveyEvent> events = List.of(
                new LogEvent(1, now, "g", "w", 1, "stdout", "hello"),
                new DataEvent(2, now, "g", "w", 1, CoveyJson.toTree(List.of(1, 2))),
                new ResultEvent(3, now, "g", "w", 1, CoveyJson.toTree(42)),
                new HealthEvent(4, now, "g", "w", 1, false, "timeout"),
                new GroupEvent(5, now, "g", "declared", List.of("a"), List.of("b")),
                new GapEvent(6, now, 2, 6));
        for (CoveyEvent event : events) {
            assertThat(CoveyJson.mapper().readValue(CoveyJson.write(event), CoveyEvent.class)).isEqualTo(event);
        }
    }

    @Test
    void filtersByGroupWorkerAndTypeButAlwaysPassGaps() {
        Instant now = Instant.now();
        CoveyEvent log = new LogEvent(1, now, "g", "w", 1, "stdout", "x");
        CoveyEvent other = new LogEvent(2, now, "h", "v", 1, "stdout", "x");
        assertThat(EventFilter.group("g").matches(log)).isTrue();
        assertThat(EventFilter.group("g").matches(other)).isFalse();
        assertThat(EventFilter.worker("v").matches(other)).isTrue();
        assertThat(new EventFilter(null, null, Set.of(EventType.LIFECYCLE)).matches(log)).isFalse();
        assertThat(EventFilter.group("nope").withTypes(EventType.LIFECYCLE).matches(new GapEvent(3, now, 1, 2))).isTrue();
    }
}
