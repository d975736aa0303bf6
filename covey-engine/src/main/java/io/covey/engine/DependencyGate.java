package io.covey.engine;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.covey.core.lifecycle.WorkerState;
import io.covey.core.spec.Dependency;

/**
 * Decides whether a worker's dependencies hold, and keeps the reverse index (who depends on
 * whom) so that a change of one worker re-examines only its dependants. Engine thread only.
 * <p>
 * Only starts that the reconcile loop makes (a first start, a start after a stop, a manual
 * restart, a new spec) wait for dependencies; a restart after a crash does not, so a dependency
 * that crashes does not hold its dependants back. A dependency with {@code restartDependants}
 * binds its {@code running} dependants to the attempt they started against: once that attempt
 * stops running, they are restarted, and wait for it again.
 */
final class DependencyGate {
    private final Map<String, WorkerSlot> slots;
    private final Map<String, List<String>> dependsOn = new HashMap<>();
    private final Map<String, Set<String>> dependants = new HashMap<>();

    /** Whether a worker may start; if not, the PENDING message that says what it waits for. */
    record Verdict(boolean met, String message) {
    }

    DependencyGate(Map<String, WorkerSlot> slots) {
        this.slots = slots;
    }

    /** Records (or replaces) what {@code id} depends on. */
    void declare(String id, List<Dependency> dependencies) {
        forget(id);
        List<String> ids = dependencies.stream().map(Dependency::id).toList();
        dependsOn.put(id, ids);
        ids.forEach(dependency -> dependants.computeIfAbsent(dependency, k -> new HashSet<>()).add(id));
    }

    /** {@code id} is gone; those depending on it keep their entries, so they still hear about it. */
    void forget(String id) {
        List<String> old = dependsOn.remove(id);
        if (old != null) {
            old.forEach(dependency -> {
                Set<String> set = dependants.get(dependency);
                set.remove(id);
                if (set.isEmpty()) {
                    dependants.remove(dependency);
                }
            });
        }
    }

    Set<String> dependantsOf(String id) {
        return Set.copyOf(dependants.getOrDefault(id, Set.of()));
    }

    Verdict check(WorkerSlot slot) {
        List<String> blocked = new ArrayList<>();
        List<String> waiting = new ArrayList<>();
        for (Dependency dependency : slot.spec().dependsOn()) {
            WorkerSlot other = present(dependency.id());
            boolean running = dependency.condition() == Dependency.Condition.RUNNING;
            if (other == null) {
                blocked.add("dependency '" + dependency.id() + "' was removed from the host");
            } else if (other.state() == WorkerState.FAILED) {
                blocked.add("dependency '" + dependency.id() + "' FAILED (" + other.message() + ")");
            } else if (other.state() != (running ? WorkerState.RUNNING : WorkerState.COMPLETED)) {
                waiting.add("'" + dependency.id() + "' to " + (running ? "be running" : "complete") + " (it is " + other.state() + ")");
            }
        }
        if (blocked.isEmpty() && waiting.isEmpty()) {
            return new Verdict(true, null);
        }
        List<String> parts = new ArrayList<>();
        if (!blocked.isEmpty()) {
            parts.add("not started: " + String.join("; ", blocked));
        }
        if (!waiting.isEmpty()) {
            parts.add("waiting for " + String.join(", ", waiting));
        }
        return new Verdict(false, String.join("; ", parts));
    }

    /** The attempts of running {@code restartDependants} dependencies that a starting worker binds to. */
    Map<String, Integer> bindings(WorkerSlot slot) {
        Map<String, Integer> bound = new HashMap<>();
        for (Dependency dependency : slot.spec().dependsOn()) {
            WorkerSlot other = present(dependency.id());
            if (dependency.condition() == Dependency.Condition.RUNNING && other != null
                    && Boolean.TRUE.equals(other.options().restartDependants()) && other.state() == WorkerState.RUNNING) {
                bound.put(other.id, other.attempt().number());
            }
        }
        return bound;
    }

    /** Why the worker must be restarted for a dependency it is bound to, or null when it need not be. */
    String brokenBinding(WorkerSlot slot) {
        for (Map.Entry<String, Integer> binding : slot.attempt().boundTo().entrySet()) {
            WorkerSlot other = present(binding.getKey());
            if (other == null) {
                return "dependency '" + binding.getKey() + "' was removed";
            }
            if (other.attempt().number() != binding.getValue() || other.state() != WorkerState.RUNNING) {
                return "dependency '" + other.id + "' is no longer running the attempt this worker started against"
                        + " (it is " + other.state() + ", attempt " + other.attempt().number() + ")";
            }
        }
        return null;
    }

    private WorkerSlot present(String id) {
        WorkerSlot slot = slots.get(id);
        return slot == null || slot.desired() == WorkerSlot.Desired.REMOVE ? null : slot;
    }
}
