package io.covey.core.api;

import java.time.Instant;

import com.fasterxml.jackson.annotation.JsonInclude;

import io.covey.core.lifecycle.CrashReason;
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
 * @param instance  the worker's index among the instances of its declaration ({@code spec.instances}), whose id,
 *                  {@code spec}'s effective id, it shares with its siblings; null for a worker without instances
 * @param memoryBytes the resident memory of a running foreign worker's process tree at the last sample, else null
 * @param cpuPercent  the CPU its process tree used between the last two samples, in percent of one core, else null
 * @param crashReason why the last attempt crashed, while the worker is CRASHED, BACKOFF or FAILED; else null
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
        Integer instance,
        Long memoryBytes,
        Double cpuPercent,
        CrashReason crashReason,
        Instant nextRunAt) {

    /** A status without usage figures or a crash reason. */
    public WorkerStatus(String id, String group, String type, boolean foreign, WorkerState state, String message, int attempt,
                        int restarts, Long pid, Instant startedAt, Instant endedAt, boolean forced, JsonNode result,
                        WorkerSpec spec, boolean critical, HealthStatus health, Integer instance) {
        this(id, group, type, foreign, state, message, attempt, restarts, pid, startedAt, endedAt, forced, result, spec,
                critical, health, instance, null, null, null, null);
    }

    /** A status without an instance index or a crash reason. */
    public WorkerStatus(String id, String group, String type, boolean foreign, WorkerState state, String message, int attempt,
                        int restarts, Long pid, Instant startedAt, Instant endedAt, boolean forced, JsonNode result,
                        WorkerSpec spec, boolean critical, HealthStatus health, Long memoryBytes, Double cpuPercent) {
        this(id, group, type, foreign, state, message, attempt, restarts, pid, startedAt, endedAt, forced, result, spec,
                critical, health, null, memoryBytes, cpuPercent, null, null);
    }

    /** A status without usage figures: an in-process worker's, or one not sampled yet. */
    public WorkerStatus(String id, String group, String type, boolean foreign, WorkerState state, String message, int attempt,
                        int restarts, Long pid, Instant startedAt, Instant endedAt, boolean forced, JsonNode result,
                        WorkerSpec spec, boolean critical, HealthStatus health) {
        this(id, group, type, foreign, state, message, attempt, restarts, pid, startedAt, endedAt, forced, result, spec,
                critical, health, null, null, null, null, null);
    }
}
