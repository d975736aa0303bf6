package io.covey.core.spec;

import java.util.Arrays;
import java.util.Locale;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/** When Covey starts a worker again after its attempt ended. */
public enum RestartPolicy {
    /** Restart after a crash; a completed or stopped worker stays so. The default. */
    ON_CRASH("on-crash"),
    /** Restart after a crash and after a completion. */
    ALWAYS("always"),
    /** Never restart; a crash is final. */
    NEVER("never");

    private final String wireName;

    RestartPolicy(String wireName) {
        this.wireName = wireName;
    }

    @JsonValue
    public String wireName() {
        return wireName;
    }

    @JsonCreator
    public static RestartPolicy fromWireName(String name) {
        String normalized = name == null ? "" : name.trim().toLowerCase(Locale.ROOT).replace('_', '-');
        return Arrays.stream(values())
                .filter(policy -> policy.wireName.equals(normalized))
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException(
                        "restart policy '" + name + "' is unknown: use on-crash, always or never"));
    }
}
