package io.covey.core.api;

import java.time.Instant;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * The last health check of a worker, as recorded by the manager.
 *
 * @param healthy             whether the check passed
 * @param message             what the worker said, or why the check failed (an exception, a timeout)
 * @param time                when the result was recorded
 * @param attempt             the attempt that was checked
 * @param consecutiveFailures failed checks in a row of that attempt, this one included
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record HealthStatus(boolean healthy, String message, Instant time, int attempt, int consecutiveFailures) {
}
