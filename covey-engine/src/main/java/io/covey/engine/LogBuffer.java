package io.covey.engine;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

import io.covey.core.api.LogLine;

/** A worker's most recent log lines, bounded by count and by size (in characters). Thread-safe. */
final class LogBuffer {
    private final int maxLines;
    private final long maxChars;
    private final Deque<LogLine> lines = new ArrayDeque<>();
    private long chars;

    LogBuffer(int maxLines, long maxChars) {
        this.maxLines = maxLines;
        this.maxChars = maxChars;
    }

    synchronized void add(LogLine line) {
        lines.addLast(line);
        chars += line.line().length();
        while (lines.size() > maxLines || (chars > maxChars && lines.size() > 1)) {
            chars -= lines.removeFirst().line().length();
        }
    }

    /** The last {@code count} lines, oldest first. */
    synchronized List<LogLine> tail(int count) {
        int skip = Math.max(0, lines.size() - Math.max(0, count));
        List<LogLine> result = new ArrayList<>(lines.size() - skip);
        int index = 0;
        for (LogLine line : lines) {
            if (index++ >= skip) {
                result.add(line);
            }
        }
        return result;
    }
}
