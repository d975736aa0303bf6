package io.covey.core.spec;

import java.util.Arrays;
import java.util.Locale;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/**
 * One entry of a worker's {@code dependsOn}: the worker waits in PENDING until the worker
 * {@code id} (in any group of the same host) meets {@code condition}. On the wire
 * {@code {"id":"db","condition":"running"}}, or just {@code "db"} for the default condition.
 *
 * @param id        the id of the worker depended on
 * @param condition what that worker must have reached; {@code running} when omitted
 */
public record Dependency(String id, Condition condition) {

    @JsonCreator(mode = JsonCreator.Mode.PROPERTIES)
    public Dependency {
        CoveyNames.require("dependency id", id);
        condition = condition == null ? Condition.RUNNING : condition;
    }

    /** The short form {@code "db"}: a dependency on {@code db} being running. */
    @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
    public static Dependency running(String id) {
        return new Dependency(id, Condition.RUNNING);
    }

    public static Dependency completed(String id) {
        return new Dependency(id, Condition.COMPLETED);
    }

    /** What a dependency must have reached before its dependant starts. */
    public enum Condition {
        /** The dependency reported running and is RUNNING now. The default. */
        RUNNING("running"),
        /** The dependency finished its job: it is COMPLETED. */
        COMPLETED("completed");

        private final String wireName;

        Condition(String wireName) {
            this.wireName = wireName;
        }

        @JsonValue
        public String wireName() {
            return wireName;
        }

        @JsonCreator
        public static Condition fromWireName(String name) {
            String normalized = name == null ? "" : name.trim().toLowerCase(Locale.ROOT);
            return Arrays.stream(values()).filter(c -> c.wireName.equals(normalized)).findFirst()
                    .orElseThrow(() -> new IllegalArgumentException(
                            "dependency condition '" + name + "' is unknown: use running or completed"));
        }
    }
}
