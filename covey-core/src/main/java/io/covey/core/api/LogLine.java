package io.covey.core.api;

import java.time.Instant;

/**
 * One line of a worker's output.
 *
 * @param stream {@code stdout}, {@code stderr} (a child's output), {@code worker} (from {@code log()}) or {@code covey} (the manager's own notes)
 */
public record LogLine(Instant time, int attempt, String stream, String line) {
}
