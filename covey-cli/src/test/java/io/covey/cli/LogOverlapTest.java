package io.covey.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;

import io.covey.core.api.LogLine;
import io.covey.core.event.LogEvent;

/** logs -f prints every line once and in order, however the tail and the replayed events overlap. */
class LogOverlapTest {
    private static final Instant T = Instant.parse("2026-01-01T12:00:00Z");

    private static LogLine line(int ms, String text) {
        return new LogLine(T.plusMillis(ms), 1, "worker", text);
    }

    private static LogEvent event(int ms, String text) {
        return new LogEvent(0, T.plusMillis(ms), "g", "w", 1, "worker", text);
    }

    private static List<String> printed(LogOverlap overlap, LogEvent... replayed) {
        return java.util.Arrays.stream(replayed).filter(overlap::isNew).map(LogEvent::line).toList();
    }

    @Test
    void linesTheTailPrintedAreNotPrintedAgain() {
        LogOverlap overlap = new LogOverlap(List.of(line(1, "a"), line(2, "b")));

        assertThat(printed(overlap, event(2, "b"), event(3, "c"), event(3, "c"))).containsExactly("c", "c");
    }

    @Test
    void aShortTailSkipsTheOlderReplayedLinesRatherThanPrintingThemAfterIt() {
        // Position read, then "a" and "b" written, then the tail of 1 read: it printed "b" only.
        LogOverlap overlap = new LogOverlap(List.of(line(2, "b")));

        assertThat(printed(overlap, event(1, "a"), event(2, "b"), event(5, "c"))).containsExactly("c");
    }

    @Test
    void twoLinesOfTheSameInstantAreToldApartByText() {
        LogOverlap overlap = new LogOverlap(List.of(line(2, "x")));

        assertThat(printed(overlap, event(2, "x"), event(2, "y"))).containsExactly("y");
    }

    @Test
    void withoutATailEveryLineIsNew() {
        assertThat(printed(new LogOverlap(List.of()), event(1, "a"), event(1, "a"))).containsExactly("a", "a");
    }
}
