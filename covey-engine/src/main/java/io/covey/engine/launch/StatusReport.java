package io.covey.engine.launch;

import tools.jackson.databind.JsonNode;

/**
 * A worker's status call, as the runtime relays it.
 *
 * @param result the value of {@code completed(result)} as JSON, else null
 */
public record StatusReport(ReportedStatus status, String message, JsonNode result) {
    public static StatusReport of(ReportedStatus status, String message) {
        return new StatusReport(status, message, null);
    }

    public enum ReportedStatus {
        STARTING, RUNNING, STOPPING, COMPLETED, CRASHED, STOPPED;

        public boolean isTerminal() {
            return this == COMPLETED || this == CRASHED || this == STOPPED;
        }
    }
}
