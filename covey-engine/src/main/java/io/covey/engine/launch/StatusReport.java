package io.covey.engine.launch;

import io.covey.core.worker.StatusCall;
import tools.jackson.databind.JsonNode;

/**
 * A worker's status call, as the runtime relays it.
 *
 * @param result the value of {@code completed(result)} as JSON, else null
 */
public record StatusReport(StatusCall status, String message, JsonNode result) {
    public static StatusReport of(StatusCall status, String message) {
        return new StatusReport(status, message, null);
    }
}
