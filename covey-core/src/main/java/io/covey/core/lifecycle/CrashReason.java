package io.covey.core.lifecycle;

import java.util.Arrays;
import java.util.Locale;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/**
 * Why an attempt crashed, as a small closed set (a metric tag must not grow with every message):
 * the message of the event says the rest.
 */
public enum CrashReason {
    /** The worker itself reported {@code crashed(...)}. */
    REPORTED("reported"),
    /** Its health checks failed too often in a row. */
    UNHEALTHY("unhealthy"),
    /** Covey ended it: a start timeout, a silent child, a broken control protocol, a refused stop. */
    KILLED("killed"),
    /** A signal from outside ended the child JVM. */
    SIGNAL("signal"),
    /** The child JVM exited with a non-zero code. */
    EXIT_CODE("exit-code"),
    /** {@code runWorker} threw, or the attempt could not be launched. */
    EXCEPTION("exception"),
    /** The attempt ended without reporting completed or stopped. */
    NO_REPORT("no-report");

    private final String wireName;

    CrashReason(String wireName) {
        this.wireName = wireName;
    }

    @JsonValue
    public String wireName() {
        return wireName;
    }

    @JsonCreator
    public static CrashReason fromWireName(String name) {
        String normalized = name == null ? "" : name.trim().toLowerCase(Locale.ROOT);
        return Arrays.stream(values()).filter(reason -> reason.wireName.equals(normalized)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("crash reason '" + name + "' is unknown"));
    }
}
