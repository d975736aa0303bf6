package io.covey.engine;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/** Events dropped by the workers' rate limits, counted per group (a metric reads them). Thread-safe. */
public final class DroppedEvents {
    private final Map<String, LongAdder> byGroup = new ConcurrentHashMap<>();

    void count(String group, long dropped) {
        byGroup.computeIfAbsent(group, g -> new LongAdder()).add(dropped);
    }

    /** The events dropped for workers of this group since the manager started. */
    public long of(String group) {
        LongAdder adder = byGroup.get(group);
        return adder == null ? 0 : adder.sum();
    }

    /** Every group that dropped events, with its count. */
    public Map<String, Long> snapshot() {
        Map<String, Long> copy = new TreeMap<>();
        byGroup.forEach((group, adder) -> copy.put(group, adder.sum()));
        return copy;
    }
}
