package io.covey.core.spec;

import java.util.Arrays;
import java.util.Locale;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/** How a running worker is replaced when its declaration changes under the same id. */
public enum UpdateStrategy {
    /**
     * Stop the old attempt, then start the new one: the default, and right for a worker that holds
     * something only one process can have (a port bound without SO_REUSEPORT, a serial device).
     */
    RECREATE("recreate"),
    /**
     * Start the new attempt beside the old one, wait until it is RUNNING (and healthy, when its
     * type has a health check), then stop the old one; one instance at a time. A new attempt that
     * fails stops the roll and the old attempts keep running.
     */
    ROLLING("rolling");

    private final String wireName;

    UpdateStrategy(String wireName) {
        this.wireName = wireName;
    }

    @JsonValue
    public String wireName() {
        return wireName;
    }

    @JsonCreator
    public static UpdateStrategy fromWireName(String name) {
        String normalized = name == null ? "" : name.trim().toLowerCase(Locale.ROOT);
        return Arrays.stream(values())
                .filter(strategy -> strategy.wireName.equals(normalized))
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException(
                        "update strategy '" + name + "' is unknown: use recreate or rolling"));
    }
}
