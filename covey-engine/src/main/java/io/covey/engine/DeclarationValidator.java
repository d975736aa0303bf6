package io.covey.engine;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.covey.core.api.InvalidSpecException;
import io.covey.core.api.LimitExceededException;
import io.covey.core.api.WorkerConflictException;
import io.covey.core.manifest.CoveyManifest;
import io.covey.core.spec.Dependency;
import io.covey.core.spec.CoveyNames;
import io.covey.core.spec.WorkerSpec;

/**
 * Checks a declaration completely before anything changes: names, declared types, params that
 * fit the type, duplicate and conflicting ids, size limits, dependencies that exist and form no
 * cycle. A refused declaration changes nothing.
 */
final class DeclarationValidator {
    private final CoveyManifest manifest;
    private final ManagerSettings settings;
    private final boolean foreignAvailable;

    DeclarationValidator(CoveyManifest manifest, ManagerSettings settings, boolean foreignAvailable) {
        this.manifest = manifest;
        this.settings = settings;
        this.foreignAvailable = foreignAvailable;
    }

    /** The specs by effective id, in order; throws a {@code CoveyException} for anything wrong. */
    Map<String, WorkerSpec> validate(String groupName, List<WorkerSpec> specs, boolean replaceAll,
                                     Map<String, WorkerSlot> slots, int groupSizeAfter, int hostSizeAfter) {
        CoveyNames.require("group name", groupName);
        if (specs.size() > settings.maxWorkersPerGroup() || groupSizeAfter > settings.maxWorkersPerGroup()) {
            throw new LimitExceededException("group '" + groupName + "' would have " + Math.max(specs.size(), groupSizeAfter)
                    + " workers; at most " + settings.maxWorkersPerGroup() + " are allowed per group");
        }
        if (hostSizeAfter > settings.maxWorkers()) {
            throw new LimitExceededException("the host would hold " + hostSizeAfter + " workers; at most "
                    + settings.maxWorkers() + " are allowed");
        }
        Map<String, WorkerSpec> byId = new LinkedHashMap<>();
        for (WorkerSpec spec : specs) {
            if (spec == null) {
                throw new InvalidSpecException("group '" + groupName + "' lists a null worker");
            }
            String id = spec.effectiveId();
            WorkerSlot existing = slots.get(id);
            if (!alreadyValidated(existing, spec)) {
                manifest.require(spec.type()).parseParams(spec.params());
            }
            if (spec.schedule() != null) {
                RunSchedule.of(spec.schedule()); // a cron expression that does not parse is refused here
            }
            if (byId.put(id, spec) != null) {
                throw new InvalidSpecException("worker id '" + id + "' is declared twice in group '" + groupName
                        + "' (the same type with the same params, or the same explicit id); declare it once");
            }
            if (existing != null && existing.desired() != WorkerSlot.Desired.REMOVE && !existing.group().equals(groupName)) {
                throw new WorkerConflictException(id, existing.group(), groupName);
            }
            if (!foreignAvailable && Boolean.TRUE.equals(spec.options().orElse(settings.workerDefaults()).foreign())) {
                throw new InvalidSpecException("worker '" + id + "' is foreign (the default) but this manager cannot launch"
                        + " child processes; set \"foreign\": false in its options, or configure a foreign launcher");
            }
        }
        // Only a declared worker's own dependsOn can name a missing worker or close a cycle (the rest of
        // the graph was checked when it was declared): without any there is nothing to check, and the
        // host-wide graph costs milliseconds to build for 10,000 workers.
        if (byId.values().stream().anyMatch(spec -> !spec.dependsOn().isEmpty())) {
            DependencyGraph.check(graphAfter(groupName, byId, replaceAll, slots), byId.keySet());
        }
        return byId;
    }

    /** Every worker the host would hold after the declaration: the declared ones, and the others that stay. */
    private static Map<String, List<Dependency>> graphAfter(String groupName, Map<String, WorkerSpec> declared,
                                                            boolean replaceAll, Map<String, WorkerSlot> slots) {
        Map<String, List<Dependency>> graph = new HashMap<>();
        for (WorkerSlot slot : slots.values()) {
            boolean leaving = slot.desired() == WorkerSlot.Desired.REMOVE || (replaceAll && slot.group().equals(groupName));
            if (!leaving) {
                graph.put(slot.id, slot.spec().dependsOn());
            }
        }
        declared.forEach((id, spec) -> graph.put(id, spec.dependsOn()));
        return graph;
    }

    /**
     * Whether a live declaration already holds these very params for this type: they were parsed
     * when it was declared, and parsing them again (a Jackson conversion per worker) made
     * re-declaring a large unchanged group cost milliseconds per thousand workers.
     */
    private static boolean alreadyValidated(WorkerSlot existing, WorkerSpec spec) {
        return existing != null && existing.desired() != WorkerSlot.Desired.REMOVE
                && existing.spec().type().equals(spec.type()) && existing.spec().params().equals(spec.params());
    }
}
