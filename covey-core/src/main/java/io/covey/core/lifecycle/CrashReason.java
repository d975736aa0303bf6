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
    NO_REPORT("no-report"),
    /** The child JVM ran out of heap and exited through the JVM's own out-of-memory path. */
    OUT_OF_MEMORY("out-of-memory"),
    /** The child's process tree used more resident memory than {@code maxMemory}, and Covey stopped it. */
    MEMORY("memory"),
    /** The worker's run took longer than its {@code deadline}, and Covey stopped it. */
    DEADLINE("deadline"),
    /** The worker reported {@code failed(...)}: an error no restart can mend. */
    FAILED("failed"),
    /** The child stopped sending heartbeats (or never completed its handshake), and Covey killed it. */
    UNRESPONSIVE("unresponsive"),
    /** The child JVM could not be started, or ended before its handshake. */
    SPAWN("spawn");

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
