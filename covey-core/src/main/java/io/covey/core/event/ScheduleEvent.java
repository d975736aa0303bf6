package io.covey.core.event;

import java.time.Instant;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * What a scheduled worker's schedule did at a due time (or at start, for missed runs).
 *
 * @param attempt   the attempt the outcome is about: the one started, or the one still running
 * @param outcome   {@code started} (a run began), {@code skipped} (the previous run still goes on, overlap forbid),
 *                  {@code replaced} (the previous run is stopped for this one, overlap replace),
 *                  {@code missed-run} (runs came due while the manager was down: one runs now),
 *                  {@code missed-skipped} (they came due while it was down and are skipped)
 * @param dueAt     the time the run was due
 * @param nextRunAt the next due time after this one
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ScheduleEvent(long seq, Instant time, String group, String worker, int attempt, String outcome, Instant dueAt,
                            Instant nextRunAt, String message) implements CoveyEvent {
    @Override
    public EventType eventType() {
        return EventType.SCHEDULE;
    }

    @Override
    public ScheduleEvent withSeq(long newSeq) {
        return new ScheduleEvent(newSeq, time, group, worker, attempt, outcome, dueAt, nextRunAt, message);
    }
}
