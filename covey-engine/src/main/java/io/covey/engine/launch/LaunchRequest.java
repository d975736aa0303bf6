package io.covey.engine.launch;

import io.covey.core.launch.AttemptId;
import io.covey.core.manifest.WorkerType;
import io.covey.core.spec.WorkerOptions;
import tools.jackson.databind.JsonNode;

/**
 * One attempt to run.
 *
 * @param options the worker's options with every default filled in
 */
public record LaunchRequest(String workerId, String group, int attempt, WorkerType type, JsonNode params, WorkerOptions options) {
    /** Who this attempt is: {@code id#attempt} in its text form. */
    public AttemptId attemptId() {
        return new AttemptId(workerId, attempt);
    }
}
