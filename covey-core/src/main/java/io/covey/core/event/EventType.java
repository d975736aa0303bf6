package io.covey.core.event;

import java.util.Arrays;
import java.util.Locale;

/** The kinds of {@link CoveyEvent}, by their wire names. */
public enum EventType {
    LIFECYCLE, LOG, DATA, RESULT, HEALTH, GROUP, GAP, SCHEDULE;

    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static EventType fromWireName(String name) {
        return Arrays.stream(values())
                .filter(type -> type.wireName().equalsIgnoreCase(name == null ? "" : name.trim()))
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException("event type '" + name
                        + "' is unknown: use lifecycle, log, data, result, health, group, gap or schedule"));
    }
}
