package io.covey.demo.client;

import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;

import io.covey.core.api.WorkerStatus;
import io.covey.core.event.CoveyEvent;
import io.covey.core.event.GapEvent;
import io.covey.core.event.LifecycleEvent;
import io.covey.core.event.ResultEvent;
import io.covey.core.lifecycle.WorkerState;

/**
 * The last known state of each worker of a group, and how to say it in one line. Pure: it turns
 * events into text and keeps no connection, so it is easy to test and to reuse.
 */
final class WorkerBoard {
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss");

    /** What the board knows about one worker. */
    record Row(String worker, WorkerState state, int attempt, String message) {
    }

    private final Map<String, Row> rows = new LinkedHashMap<>();
    private final ZoneId zone;

    WorkerBoard(ZoneId zone) {
        this.zone = zone;
    }

    /** Takes a worker from a status read, unless an event already told us more. */
    synchronized void seed(WorkerStatus status) {
        rows.putIfAbsent(status.id(), new Row(status.id(), status.state(), status.attempt(), status.message()));
    }

    /** Applies an event and returns the line to print for it, or null when it is not worth a line. */
    synchronized String apply(CoveyEvent event) {
        if (event instanceof LifecycleEvent lifecycle) {
            rows.put(lifecycle.worker(), new Row(lifecycle.worker(), lifecycle.state(), lifecycle.attempt(), lifecycle.message()));
            String attempt = "attempt " + lifecycle.attempt();
            // The engine's own messages often just repeat the attempt ("attempt 2"): say it once.
            String message = lifecycle.message() == null || lifecycle.message().equals(attempt) ? "" : "  " + lifecycle.message();
            return line(lifecycle.time(), lifecycle.worker(), lifecycle.state().name(), attempt + message);
        }
        if (event instanceof ResultEvent result) {
            return line(result.time(), result.worker(), "result", String.valueOf(result.result()));
        }
        if (event instanceof GapEvent gap) {
            return line(gap.time(), "-", "gap", "missed events " + gap.fromSeq() + ".." + gap.toSeq() + "; re-reading state");
        }
        return null;
    }

    /** A line of the demo's output: time, who, what, details, in aligned columns. */
    String line(Instant time, String who, String what, String details) {
        return String.format("%s  %-10s %-10s %s", TIME.format(time.atZone(zone)), who, what, details).stripTrailing();
    }

    /** Every worker on one line, e.g. {@code countdown COMPLETED · flaky RUNNING (attempt 3)}. */
    synchronized String summary() {
        if (rows.isEmpty()) {
            return "no workers yet";
        }
        return rows.values().stream()
                .map(row -> row.worker() + " " + row.state() + (row.attempt() > 1 ? " (attempt " + row.attempt() + ")" : ""))
                .collect(Collectors.joining(" · "));
    }

    synchronized Row row(String worker) {
        return rows.get(worker);
    }
}
