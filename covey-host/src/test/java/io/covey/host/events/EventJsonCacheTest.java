package io.covey.host.events;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;

import org.junit.jupiter.api.Test;

import io.covey.core.event.GapEvent;
import io.covey.core.event.LogEvent;
import io.covey.core.json.CoveyJson;

class EventJsonCacheTest {
    private final EventJsonCache cache = new EventJsonCache(8);

    private static LogEvent log(long seq, String line) {
        return new LogEvent(seq, Instant.parse("2026-01-01T00:00:00Z"), "g", "w", 1, "worker", line);
    }

    @Test
    void theSameEventIsSerializedOnceForEverySession() {
        LogEvent event = log(5, "hello");

        String first = cache.json(event);

        assertThat(first).isEqualTo(CoveyJson.write(event));
        assertThat(cache.json(event)).isSameAs(first);
    }

    @Test
    void aGapEventThatReusesASeqGetsItsOwnText() {
        LogEvent event = log(7, "hello");
        GapEvent gap = new GapEvent(7, Instant.parse("2026-01-01T00:00:00Z"), 3, 7);
        cache.json(event);

        assertThat(cache.json(gap)).isEqualTo(CoveyJson.write(gap));
        assertThat(cache.json(event)).isEqualTo(CoveyJson.write(event));
    }

    @Test
    void anEvictedSlotIsSerializedAgainCorrectly() {
        LogEvent old = log(1, "old");
        LogEvent newer = log(9, "newer"); // the same slot of an 8-entry ring
        cache.json(old);
        cache.json(newer);

        assertThat(cache.json(old)).isEqualTo(CoveyJson.write(old));
        assertThat(cache.json(newer)).isEqualTo(CoveyJson.write(newer));
    }
}
