package io.covey.core.spec;

import java.time.Duration;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;

import io.covey.core.json.ByteSizeJson;
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
 * @param jvmOptions        options added to a foreign worker's child JVM after the host's own (checked against the
 *                          host's {@code JvmOptionPolicy} when declared); empty for none
 * @param maxHeap           a foreign worker's heap limit ({@code -Xmx}); null keeps the host's
 * @param maxMemory         the resident memory a foreign worker's process tree may use; over it the worker is
 *                          stopped and counts as crashed (reason: memory); null for no limit
 * @param deadline          how long a run of the worker may take over all its attempts; then it is stopped and
 *                          FAILED (reason: deadline); null for no limit
 * @param noRestartExitCodes exit codes of a foreign worker's child that make it FAILED at once, without a restart
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
        Integer healthFailures,
        List<String> jvmOptions,
        @JsonSerialize(using = ByteSizeJson.Serializer.class) @JsonDeserialize(using = ByteSizeJson.Deserializer.class)
        ByteSize maxHeap,
        @JsonSerialize(using = ByteSizeJson.Serializer.class) @JsonDeserialize(using = ByteSizeJson.Deserializer.class)
        ByteSize maxMemory,
        @JsonSerialize(using = DurationJson.Serializer.class) @JsonDeserialize(using = DurationJson.Deserializer.class)
        Duration deadline,
        List<Integer> noRestartExitCodes) {

    /** No option set: everything comes from the defaults. */
    public static final WorkerOptions NONE = new WorkerOptions(null, null, null, null, null, null, null, null, null, null,
            null, null, null, null, null, null, null, null, null, null);

    /** The documented defaults (see DESIGN.md, "Options", and docs/SEQUENCING.md). */
    public static final WorkerOptions BUILT_IN = new WorkerOptions(true, RestartPolicy.ON_CRASH,
            Duration.ofSeconds(30), Duration.ofSeconds(10),
            Duration.ofSeconds(1), Duration.ofSeconds(60), 0.2, Duration.ofMinutes(10),
            10, Duration.ofMinutes(10),
            false, false, Duration.ofSeconds(10), Duration.ofSeconds(2), 3,
            List.of(), null, null, null, List.of());

    /** The smallest heap a JVM starts with. */
    private static final long MIN_HEAP_BYTES = 2L * 1024 * 1024;

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
        requirePositive("deadline", deadline);
        if (jvmOptions != null) {
            if (jvmOptions.stream().anyMatch(option -> option == null || option.isBlank())) {
                throw new IllegalArgumentException("jvmOptions must not hold an empty option");
            }
            jvmOptions = List.copyOf(jvmOptions);
        }
        if (maxHeap != null && maxHeap.bytes() < MIN_HEAP_BYTES) {
            throw new IllegalArgumentException("maxHeap must be at least 2m, was " + maxHeap);
        }
        if (noRestartExitCodes != null) {
            for (Integer code : noRestartExitCodes) {
                if (code == null || code < 0 || code > 255) {
                    throw new IllegalArgumentException("noRestartExitCodes must be exit codes from 0 to 255, was " + code);
                }
            }
            noRestartExitCodes = List.copyOf(noRestartExitCodes);
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
                or(healthFailures, fallback.healthFailures),
                or(jvmOptions, fallback.jvmOptions), or(maxHeap, fallback.maxHeap), or(maxMemory, fallback.maxMemory),
                or(deadline, fallback.deadline), or(noRestartExitCodes, fallback.noRestartExitCodes));
    }

    public WorkerOptions withForeign(boolean value) {
        return new WorkerOptions(value, restart, startTimeout, stopTimeout, backoffInitial, backoffMax, backoffJitter,
                backoffResetAfter, restartLimit, restartWindow, critical, restartDependants, healthInterval, healthTimeout, healthFailures,
                jvmOptions, maxHeap, maxMemory, deadline, noRestartExitCodes);
    }

    public WorkerOptions withRestart(RestartPolicy value) {
        return new WorkerOptions(foreign, value, startTimeout, stopTimeout, backoffInitial, backoffMax, backoffJitter,
                backoffResetAfter, restartLimit, restartWindow, critical, restartDependants, healthInterval, healthTimeout, healthFailures,
                jvmOptions, maxHeap, maxMemory, deadline, noRestartExitCodes);
    }

    public WorkerOptions withStartTimeout(Duration value) {
        return new WorkerOptions(foreign, restart, value, stopTimeout, backoffInitial, backoffMax, backoffJitter,
                backoffResetAfter, restartLimit, restartWindow, critical, restartDependants, healthInterval, healthTimeout, healthFailures,
                jvmOptions, maxHeap, maxMemory, deadline, noRestartExitCodes);
    }

    public WorkerOptions withStopTimeout(Duration value) {
        return new WorkerOptions(foreign, restart, startTimeout, value, backoffInitial, backoffMax, backoffJitter,
                backoffResetAfter, restartLimit, restartWindow, critical, restartDependants, healthInterval, healthTimeout, healthFailures,
                jvmOptions, maxHeap, maxMemory, deadline, noRestartExitCodes);
    }

    public WorkerOptions withBackoff(Duration initial, Duration max, double jitter, Duration resetAfter) {
        return new WorkerOptions(foreign, restart, startTimeout, stopTimeout, initial, max, jitter,
                resetAfter, restartLimit, restartWindow, critical, restartDependants, healthInterval, healthTimeout, healthFailures,
                jvmOptions, maxHeap, maxMemory, deadline, noRestartExitCodes);
    }

    public WorkerOptions withRestartLimit(int limit, Duration window) {
        return new WorkerOptions(foreign, restart, startTimeout, stopTimeout, backoffInitial, backoffMax, backoffJitter,
                backoffResetAfter, limit, window, critical, restartDependants, healthInterval, healthTimeout, healthFailures,
                jvmOptions, maxHeap, maxMemory, deadline, noRestartExitCodes);
    }

    public WorkerOptions withCritical(boolean value) {
        return new WorkerOptions(foreign, restart, startTimeout, stopTimeout, backoffInitial, backoffMax, backoffJitter,
                backoffResetAfter, restartLimit, restartWindow, value, restartDependants, healthInterval, healthTimeout, healthFailures,
                jvmOptions, maxHeap, maxMemory, deadline, noRestartExitCodes);
    }

    public WorkerOptions withRestartDependants(boolean value) {
        return new WorkerOptions(foreign, restart, startTimeout, stopTimeout, backoffInitial, backoffMax, backoffJitter,
                backoffResetAfter, restartLimit, restartWindow, critical, value, healthInterval, healthTimeout, healthFailures,
                jvmOptions, maxHeap, maxMemory, deadline, noRestartExitCodes);
    }

    public WorkerOptions withHealth(Duration interval, Duration timeout, int failures) {
        return new WorkerOptions(foreign, restart, startTimeout, stopTimeout, backoffInitial, backoffMax, backoffJitter,
                backoffResetAfter, restartLimit, restartWindow, critical, restartDependants, interval, timeout, failures,
                jvmOptions, maxHeap, maxMemory, deadline, noRestartExitCodes);
    }

    public WorkerOptions withJvmOptions(List<String> value) {
        return new WorkerOptions(foreign, restart, startTimeout, stopTimeout, backoffInitial, backoffMax, backoffJitter,
                backoffResetAfter, restartLimit, restartWindow, critical, restartDependants, healthInterval, healthTimeout,
                healthFailures, value, maxHeap, maxMemory, deadline, noRestartExitCodes);
    }

    public WorkerOptions withMaxHeap(ByteSize value) {
        return new WorkerOptions(foreign, restart, startTimeout, stopTimeout, backoffInitial, backoffMax, backoffJitter,
                backoffResetAfter, restartLimit, restartWindow, critical, restartDependants, healthInterval, healthTimeout,
                healthFailures, jvmOptions, value, maxMemory, deadline, noRestartExitCodes);
    }

    public WorkerOptions withMaxMemory(ByteSize value) {
        return new WorkerOptions(foreign, restart, startTimeout, stopTimeout, backoffInitial, backoffMax, backoffJitter,
                backoffResetAfter, restartLimit, restartWindow, critical, restartDependants, healthInterval, healthTimeout,
                healthFailures, jvmOptions, maxHeap, value, deadline, noRestartExitCodes);
    }

    public WorkerOptions withDeadline(Duration value) {
        return new WorkerOptions(foreign, restart, startTimeout, stopTimeout, backoffInitial, backoffMax, backoffJitter,
                backoffResetAfter, restartLimit, restartWindow, critical, restartDependants, healthInterval, healthTimeout,
                healthFailures, jvmOptions, maxHeap, maxMemory, value, noRestartExitCodes);
    }

    public WorkerOptions withNoRestartExitCodes(List<Integer> value) {
        return new WorkerOptions(foreign, restart, startTimeout, stopTimeout, backoffInitial, backoffMax, backoffJitter,
                backoffResetAfter, restartLimit, restartWindow, critical, restartDependants, healthInterval, healthTimeout,
                healthFailures, jvmOptions, maxHeap, maxMemory, deadline, value);
    }
}
