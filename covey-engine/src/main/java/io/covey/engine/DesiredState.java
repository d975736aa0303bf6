package io.covey.engine;

import java.time.Instant;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;

import io.covey.core.spec.WorkerIds;
import io.covey.core.spec.WorkerSpec;
import tools.jackson.databind.JsonNode;

/**
 * What the manager was told to run, and the results it must not forget: the part of its state
 * that survives a restart. Taken on the engine thread, immutable afterwards.
 *
 * @param revision the declaration counter when it was taken
 */
public record DesiredState(long revision, List<Group> groups) {
    public DesiredState {
        groups = List.copyOf(groups);
    }

    public static DesiredState empty() {
        return new DesiredState(0, List.of());
    }

    public record Group(String name, List<Worker> workers) {
        public Group {
            workers = List.copyOf(workers);
        }
    }

    /**
     * @param stopped         whether the worker was stopped with its group (declared, not running)
     * @param completedResult the result of a completed worker, so it is not run again
     * @param instance        which of its spec's {@code instances} it is, or null for a spec without them
     * @param lastDueAt       a scheduled worker's last due time handled: runs due after it and before a restart were missed
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Worker(WorkerSpec spec, boolean stopped, JsonNode completedResult, Integer instance, Instant lastDueAt) {
        public Worker(WorkerSpec spec, boolean stopped, JsonNode completedResult) {
            this(spec, stopped, completedResult, null, null);
        }

        public Worker(WorkerSpec spec, boolean stopped, JsonNode completedResult, Integer instance) {
            this(spec, stopped, completedResult, instance, null);
        }

        /** The worker id it was saved under: the spec's, or that of its instance. */
        WantedWorker wanted() {
            return instance == null ? new WantedWorker(spec.effectiveId(), spec, null)
                    : new WantedWorker(WorkerIds.instance(spec.effectiveId(), instance), spec, instance);
        }
    }
}
