package io.covey.cli;

import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import io.covey.core.api.LogLine;
import io.covey.core.event.LogEvent;

/**
 * For {@code logs -f}: the lines the tail printed that the event stream replays too, those
 * written after the journal position was read and before the tail was. Replayed lines older than
 * the tail's last one are skipped (the tail printed them, or chose not to with a short
 * {@code --tail}); the first newer one ends the overlap. Not thread-safe: the subscription's
 * thread alone uses it.
 */
public final class LogOverlap {
    private final Instant last;
    private final Set<Key> printedAtLast = new HashSet<>();
    private boolean over;

    public LogOverlap(List<LogLine> tail) {
        last = tail.isEmpty() ? null : tail.get(tail.size() - 1).time();
        over = last == null;
        tail.stream().filter(line -> line.time().equals(last))
                .forEach(line -> printedAtLast.add(new Key(line.attempt(), line.stream(), line.line())));
    }

    /** Whether this line is to be printed: it is newer than what the tail printed. */
    public boolean isNew(LogEvent log) {
        if (!over) {
            if (log.time().isBefore(last)
                    || (log.time().equals(last) && printedAtLast.remove(new Key(log.attempt(), log.stream(), log.line())))) {
                return false;
            }
            over = true;
        }
        return true;
    }

    /** A line as both the tail and the event stream describe it, beside its time. */
    private record Key(int attempt, String stream, String line) {
    }
}
