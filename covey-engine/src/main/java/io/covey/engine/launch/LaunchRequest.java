package io.covey.engine.launch;

import io.covey.core.launch.AttemptId;
import io.covey.core.manifest.WorkerType;
import io.covey.core.spec.WorkerOptions;
import tools.jackson.databind.JsonNode;

/**
 * One attempt to run.
 *
 * @param options  the worker's options with every default filled in
 * @param instance the worker's index among its declaration's instances (0 for a worker without instances)
 */
public record LaunchRequest(String workerId, String group, int attempt, WorkerType type, JsonNode params, WorkerOptions options,
                            int instance) {
    public LaunchRequest(String workerId, String group, int attempt, WorkerType type, JsonNode params, WorkerOptions options) {
        this(workerId, group, attempt, type, params, options, 0);
    }

    /** Who this attempt is: {@code id#attempt} in its text form. */
    public AttemptId attemptId() {
        return new AttemptId(workerId, attempt);
    }
}
