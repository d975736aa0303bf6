package io.covey.core.api;

import java.time.Instant;

import com.fasterxml.jackson.annotation.JsonInclude;

import io.covey.core.lifecycle.WorkerState;
import io.covey.core.spec.WorkerSpec;
import tools.jackson.databind.JsonNode;

/**
 * A recorded snapshot of one worker: reading it never probes a process.
 *
 * @param restarts  attempts started after the first one
 * @param pid       the child's process id for a foreign worker that runs, else null
 * @param forced    whether the last stop had to be forced
 * @param critical  whether the host's readiness depends on this worker (its resolved {@code critical} option)
 * @param health    the last health check, or null when the worker has not been checked
 * @param nextRunAt when a scheduled worker runs next (its schedule's zone is in {@code spec.schedule}); null otherwise
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record WorkerStatus(
        String id,
        String group,
        String type,
        boolean foreign,
        WorkerState state,
        String message,
        int attempt,
        int restarts,
        Long pid,
        Instant startedAt,
        Instant endedAt,
        boolean forced,
        JsonNode result,
        WorkerSpec spec,
        boolean critical,
        HealthStatus health,
        Instant nextRunAt) {

    public WorkerStatus(String id, String group, String type, boolean foreign, WorkerState state, String message, int attempt,
                        int restarts, Long pid, Instant startedAt, Instant endedAt, boolean forced, JsonNode result, WorkerSpec spec,
                        boolean critical, HealthStatus health) {
        this(id, group, type, foreign, state, message, attempt, restarts, pid, startedAt, endedAt, forced, result, spec, critical,
                health, null);
    }
}
