package io.covey.host.health;

import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;

import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;

import io.covey.core.api.CoveyOperations;
import io.covey.core.api.GroupStatus;
import io.covey.core.api.HealthStatus;
import io.covey.core.api.WorkerStatus;
import io.covey.core.lifecycle.WorkerState;

/**
 * UP while every declared worker is starting, running, completed or deliberately stopped (or
 * on its way back after a crash); DOWN as soon as one is FAILED. Details: counts per state and
 * per group, and the last health check of each worker that has one (a failing check does not
 * make this DOWN: the worker is restarted for it). Reads the recorded states only.
 */
public final class CoveyHealthIndicator implements HealthIndicator {
    private final CoveyOperations covey;

    public CoveyHealthIndicator(CoveyOperations covey) {
        this.covey = covey;
    }

    @Override
    public Health health() {
        Map<WorkerState, Integer> byState = new EnumMap<>(WorkerState.class);
        Map<String, Map<WorkerState, Integer>> byGroup = new TreeMap<>();
        Map<String, HealthStatus> checks = new TreeMap<>();
        for (GroupStatus group : covey.groups()) {
            Map<WorkerState, Integer> counts = new EnumMap<>(WorkerState.class);
            for (WorkerStatus worker : group.workers()) {
                byState.merge(worker.state(), 1, Integer::sum);
                counts.merge(worker.state(), 1, Integer::sum);
                if (worker.health() != null) {
                    checks.put(worker.id(), worker.health());
                }
            }
            byGroup.put(group.name(), counts);
        }
        int failed = byState.getOrDefault(WorkerState.FAILED, 0);
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("workers", byState.values().stream().mapToInt(Integer::intValue).sum());
        details.put("states", byState);
        details.put("groups", byGroup);
        if (!checks.isEmpty()) {
            details.put("health", checks);
        }
        if (covey instanceof io.covey.engine.CoveyManager manager) {
            Map<String, Integer> left = manager.threadsLeftRunning();
            if (!left.isEmpty()) {
                // Not DOWN: the workers are stopped; the threads are a leak to fix (or a reason to run them foreign).
                details.put("threadsLeftRunning", left);
            }
        }
        Health.Builder builder = failed > 0 ? Health.down() : Health.up();
        if (failed > 0) {
            details.put("reason", failed + " worker(s) FAILED: they crashed too often and are not restarted");
        }
        return builder.withDetails(details).build();
    }
}
