package io.covey.engine;

import java.time.Instant;

import io.covey.core.api.LogLine;

/**
 * Where a worker's log lines go besides its in-memory ring: log files, say. Called from the threads
 * that read a child's output and from the engine thread, so an implementation must return at once
 * and never block (hand the line to a thread of its own, or drop it and count).
 */
public interface WorkerLogSink {
    /** One line of a worker: stdout, stderr, {@code log()}, or Covey's own note. */
    void line(String group, String worker, LogLine line);

    /** An attempt of a worker starts: a marker between the attempts' lines. */
    default void attemptStarted(String group, String worker, int attempt, Instant time) {
    }

    /** Nothing goes anywhere. */
    WorkerLogSink NONE = (group, worker, line) -> { };
}
