package io.covey.core.spec;

import java.time.Duration;

import com.fasterxml.jackson.annotation.JsonInclude;

import io.covey.core.json.DurationJson;
import tools.jackson.databind.annotation.JsonDeserialize;
import tools.jackson.databind.annotation.JsonSerialize;

/**
 * Per-worker options. A {@code null} field means "use the manager's default"; {@link #orElse}
 * fills the gaps, and {@link #BUILT_IN} holds the documented defaults.
 *
 * @param foreign           run in a child JVM ({@code true}) or as a thread of the manager's JVM
 * @param restart           restart policy
 * @param startTimeout      an attempt not RUNNING or COMPLETED by then has crashed
 * @param stopTimeout       how long a stop may take before it is forced
 * @param backoffInitial    the delay before the second consecutive restart (the first is immediate)
 * @param backoffMax        the delay never grows beyond this
 * @param backoffJitter     spread applied to each delay, 0.2 meaning ±20 %
 * @param backoffResetAfter an attempt RUNNING this long resets the backoff
 * @param restartLimit      this many crashes within {@code restartWindow} make the worker FAILED
 * @param restartWindow     the window crashes are counted in
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record WorkerOptions(
        Boolean foreign,
        RestartPolicy restart,
        @JsonSerialize(using = DurationJson.Serializer.class) @JsonDeserialize(using = DurationJson.Deserializer.class)
        Duration startTimeout,
        @JsonSerialize(using = DurationJson.Serializer.class) @JsonDeserialize(using = DurationJson.Deserializer.class)
        Duration stopTimeout,
        @JsonSerialize(using = DurationJson.Serializer.class) @JsonDeserialize(using = DurationJson.Deserializer.class)
        Duration backoffInitial,
        @JsonSerialize(using = DurationJson.Serializer.class) @JsonDeserialize(using = DurationJson.Deserializer.class)
        Duration backoffMax,
        Double backoffJitter,
        @JsonSerialize(using = DurationJson.Serializer.class) @JsonDeserialize(using = DurationJson.Deserializer.class)
        Duration backoffResetAfter,
        Integer restartLimit,
        @JsonSerialize(using = DurationJson.Serializer.class) @JsonDeserialize(using = DurationJson.Deserializer.class)
        Duration restartWindow) {

    /** No option set: everything comes from the defaults. */
    public static final WorkerOptions NONE = new WorkerOptions(null, null, null, null, null, null, null, null, null, null);

    /** The documented defaults (see DESIGN.md, "Options"). */
    public static final WorkerOptions BUILT_IN = new WorkerOptions(true, RestartPolicy.ON_CRASH,
            Duration.ofSeconds(30), Duration.ofSeconds(10),
            Duration.ofSeconds(1), Duration.ofSeconds(60), 0.2, Duration.ofMinutes(10),
            10, Duration.ofMinutes(10));

    public WorkerOptions {
        requirePositive("startTimeout", startTimeout);
        requirePositive("stopTimeout", stopTimeout);
        requirePositive("backoffInitial", backoffInitial);
        requirePositive("backoffMax", backoffMax);
        requirePositive("backoffResetAfter", backoffResetAfter);
        requirePositive("restartWindow", restartWindow);
        if (backoffJitter != null && (backoffJitter < 0 || backoffJitter >= 1 || backoffJitter.isNaN())) {
            throw new IllegalArgumentException("backoffJitter must be at least 0 and below 1, was " + backoffJitter);
        }
        if (restartLimit != null && restartLimit < 1) {
            throw new IllegalArgumentException("restartLimit must be at least 1, was " + restartLimit);
        }
    }

    private static void requirePositive(String name, Duration value) {
        if (value != null && (value.isNegative() || value.isZero())) {
            throw new IllegalArgumentException(name + " must be positive, was " + value);
        }
    }

    /** These options, with every unset field taken from {@code fallback}. */
    public WorkerOptions orElse(WorkerOptions fallback) {
        return new WorkerOptions(
                foreign != null ? foreign : fallback.foreign,
                restart != null ? restart : fallback.restart,
                startTimeout != null ? startTimeout : fallback.startTimeout,
                stopTimeout != null ? stopTimeout : fallback.stopTimeout,
                backoffInitial != null ? backoffInitial : fallback.backoffInitial,
                backoffMax != null ? backoffMax : fallback.backoffMax,
                backoffJitter != null ? backoffJitter : fallback.backoffJitter,
                backoffResetAfter != null ? backoffResetAfter : fallback.backoffResetAfter,
                restartLimit != null ? restartLimit : fallback.restartLimit,
                restartWindow != null ? restartWindow : fallback.restartWindow);
    }

    public WorkerOptions withForeign(boolean value) {
        return new WorkerOptions(value, restart, startTimeout, stopTimeout, backoffInitial, backoffMax, backoffJitter, backoffResetAfter, restartLimit, restartWindow);
    }

    public WorkerOptions withRestart(RestartPolicy value) {
        return new WorkerOptions(foreign, value, startTimeout, stopTimeout, backoffInitial, backoffMax, backoffJitter, backoffResetAfter, restartLimit, restartWindow);
    }

    public WorkerOptions withStartTimeout(Duration value) {
        return new WorkerOptions(foreign, restart, value, stopTimeout, backoffInitial, backoffMax, backoffJitter, backoffResetAfter, restartLimit, restartWindow);
    }

    public WorkerOptions withStopTimeout(Duration value) {
        return new WorkerOptions(foreign, restart, startTimeout, value, backoffInitial, backoffMax, backoffJitter, backoffResetAfter, restartLimit, restartWindow);
    }

    public WorkerOptions withBackoff(Duration initial, Duration max, double jitter, Duration resetAfter) {
        return new WorkerOptions(foreign, restart, startTimeout, stopTimeout, initial, max, jitter, resetAfter, restartLimit, restartWindow);
    }

    public WorkerOptions withRestartLimit(int limit, Duration window) {
        return new WorkerOptions(foreign, restart, startTimeout, stopTimeout, backoffInitial, backoffMax, backoffJitter, backoffResetAfter, limit, window);
    }
}
