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
 * @param critical          whether the host is ready (its readiness group UP) only while this worker is RUNNING or COMPLETED
 * @param restartDependants whether workers that depend on this one being running are stopped when its
 *                          running attempt ends, and started again once it runs again
 * @param healthInterval    how often a RUNNING worker's health check is called
 * @param healthTimeout     a health check that has not answered by then has failed
 * @param healthFailures    this many failed health checks in a row restart the worker (reason: unhealthy)
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
        Duration restartWindow,
        Boolean critical,
        Boolean restartDependants,
        @JsonSerialize(using = DurationJson.Serializer.class) @JsonDeserialize(using = DurationJson.Deserializer.class)
        Duration healthInterval,
        @JsonSerialize(using = DurationJson.Serializer.class) @JsonDeserialize(using = DurationJson.Deserializer.class)
        Duration healthTimeout,
        Integer healthFailures) {

    /** No option set: everything comes from the defaults. */
    public static final WorkerOptions NONE = new WorkerOptions(null, null, null, null, null, null, null, null, null, null,
            null, null, null, null, null);

    /** The documented defaults (see DESIGN.md, "Options", and docs/SEQUENCING.md). */
    public static final WorkerOptions BUILT_IN = new WorkerOptions(true, RestartPolicy.ON_CRASH,
            Duration.ofSeconds(30), Duration.ofSeconds(10),
            Duration.ofSeconds(1), Duration.ofSeconds(60), 0.2, Duration.ofMinutes(10),
            10, Duration.ofMinutes(10),
            false, false, Duration.ofSeconds(10), Duration.ofSeconds(2), 3);

    public WorkerOptions {
        requirePositive("startTimeout", startTimeout);
        requirePositive("stopTimeout", stopTimeout);
        requirePositive("backoffInitial", backoffInitial);
        requirePositive("backoffMax", backoffMax);
        requirePositive("backoffResetAfter", backoffResetAfter);
        requirePositive("restartWindow", restartWindow);
        requirePositive("healthInterval", healthInterval);
        requirePositive("healthTimeout", healthTimeout);
        if (backoffJitter != null && (backoffJitter < 0 || backoffJitter >= 1 || backoffJitter.isNaN())) {
            throw new IllegalArgumentException("backoffJitter must be at least 0 and below 1, was " + backoffJitter);
        }
        if (restartLimit != null && restartLimit < 1) {
            throw new IllegalArgumentException("restartLimit must be at least 1, was " + restartLimit);
        }
        if (healthFailures != null && healthFailures < 1) {
            throw new IllegalArgumentException("healthFailures must be at least 1, was " + healthFailures);
        }
    }

    private static void requirePositive(String name, Duration value) {
        if (value != null && (value.isNegative() || value.isZero())) {
            throw new IllegalArgumentException(name + " must be positive, was " + value);
        }
    }

    private static <T> T or(T value, T fallback) {
        return value != null ? value : fallback;
    }

    /** These options, with every unset field taken from {@code fallback}. */
    public WorkerOptions orElse(WorkerOptions fallback) {
        return new WorkerOptions(
                or(foreign, fallback.foreign), or(restart, fallback.restart),
                or(startTimeout, fallback.startTimeout), or(stopTimeout, fallback.stopTimeout),
                or(backoffInitial, fallback.backoffInitial), or(backoffMax, fallback.backoffMax),
                or(backoffJitter, fallback.backoffJitter), or(backoffResetAfter, fallback.backoffResetAfter),
                or(restartLimit, fallback.restartLimit), or(restartWindow, fallback.restartWindow),
                or(critical, fallback.critical), or(restartDependants, fallback.restartDependants),
                or(healthInterval, fallback.healthInterval), or(healthTimeout, fallback.healthTimeout),
                or(healthFailures, fallback.healthFailures));
    }

    public WorkerOptions withForeign(boolean value) {
        return new WorkerOptions(value, restart, startTimeout, stopTimeout, backoffInitial, backoffMax, backoffJitter,
                backoffResetAfter, restartLimit, restartWindow, critical, restartDependants, healthInterval, healthTimeout, healthFailures);
    }

    public WorkerOptions withRestart(RestartPolicy value) {
        return new WorkerOptions(foreign, value, startTimeout, stopTimeout, backoffInitial, backoffMax, backoffJitter,
                backoffResetAfter, restartLimit, restartWindow, critical, restartDependants, healthInterval, healthTimeout, healthFailures);
    }

    public WorkerOptions withStartTimeout(Duration value) {
        return new WorkerOptions(foreign, restart, value, stopTimeout, backoffInitial, backoffMax, backoffJitter,
                backoffResetAfter, restartLimit, restartWindow, critical, restartDependants, healthInterval, healthTimeout, healthFailures);
    }

    public WorkerOptions withStopTimeout(Duration value) {
        return new WorkerOptions(foreign, restart, startTimeout, value, backoffInitial, backoffMax, backoffJitter,
                backoffResetAfter, restartLimit, restartWindow, critical, restartDependants, healthInterval, healthTimeout, healthFailures);
    }

    public WorkerOptions withBackoff(Duration initial, Duration max, double jitter, Duration resetAfter) {
        return new WorkerOptions(foreign, restart, startTimeout, stopTimeout, initial, max, jitter,
                resetAfter, restartLimit, restartWindow, critical, restartDependants, healthInterval, healthTimeout, healthFailures);
    }

    public WorkerOptions withRestartLimit(int limit, Duration window) {
        return new WorkerOptions(foreign, restart, startTimeout, stopTimeout, backoffInitial, backoffMax, backoffJitter,
                backoffResetAfter, limit, window, critical, restartDependants, healthInterval, healthTimeout, healthFailures);
    }

    public WorkerOptions withCritical(boolean value) {
        return new WorkerOptions(foreign, restart, startTimeout, stopTimeout, backoffInitial, backoffMax, backoffJitter,
                backoffResetAfter, restartLimit, restartWindow, value, restartDependants, healthInterval, healthTimeout, healthFailures);
    }

    public WorkerOptions withRestartDependants(boolean value) {
        return new WorkerOptions(foreign, restart, startTimeout, stopTimeout, backoffInitial, backoffMax, backoffJitter,
                backoffResetAfter, restartLimit, restartWindow, critical, value, healthInterval, healthTimeout, healthFailures);
    }

    public WorkerOptions withHealth(Duration interval, Duration timeout, int failures) {
        return new WorkerOptions(foreign, restart, startTimeout, stopTimeout, backoffInitial, backoffMax, backoffJitter,
                backoffResetAfter, restartLimit, restartWindow, critical, restartDependants, interval, timeout, failures);
    }
}
