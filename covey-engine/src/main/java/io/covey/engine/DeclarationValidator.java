package io.covey.engine;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.covey.core.api.InvalidSpecException;
import io.covey.core.api.LimitExceededException;
import io.covey.core.api.WorkerConflictException;
import io.covey.core.manifest.CoveyManifest;
import io.covey.core.manifest.WorkerType;
import io.covey.core.spec.Dependency;
import io.covey.core.spec.CoveyNames;
import io.covey.core.spec.WorkerSpec;
import io.covey.engine.launch.WorkerLauncher;

/**
 * Checks a declaration completely before anything changes: names, declared types, params that
 * fit the type (bound strictly, then accepted by the worker's own constructor), duplicate and conflicting ids, size limits, dependencies that exist and form no
 * cycle. A refused declaration changes nothing.
 */
final class DeclarationValidator {
    private final CoveyManifest manifest;
    private final ManagerSettings settings;
    private final boolean foreignAvailable;
    private final WorkerLauncher foreignLauncher;

    /** @param foreignLauncher the launcher of foreign workers, or null when this manager has none */
    DeclarationValidator(CoveyManifest manifest, ManagerSettings settings, WorkerLauncher foreignLauncher) {
        this.manifest = manifest;
        this.settings = settings;
        this.foreignAvailable = foreignLauncher != null;
        this.foreignLauncher = foreignLauncher;
    }

    /**
     * The workers the specs stand for ({@link WantedWorker}: a spec with {@code instances} is several)
     * by id, in order; throws a {@code CoveyException} for anything wrong.
     */
    Map<String, WantedWorker> validate(String groupName, List<WorkerSpec> specs, boolean replaceAll,
                                       Map<String, WorkerSlot> slots, int groupSizeAfter, int hostSizeAfter) {
        CoveyNames.require("group name", groupName);
        long declared = WantedWorker.count(specs); // each instance counts, and is counted before any is expanded
        if (declared > settings.maxWorkersPerGroup() || groupSizeAfter > settings.maxWorkersPerGroup()) {
            throw new LimitExceededException("group '" + groupName + "' would have " + Math.max(declared, groupSizeAfter)
                    + " workers; at most " + settings.maxWorkersPerGroup() + " are allowed per group"
                    + (declared > specs.size() ? " (each instance counts)" : ""));
        }
        if (hostSizeAfter > settings.maxWorkers()) {
            throw new LimitExceededException("the host would hold " + hostSizeAfter + " workers; at most "
                    + settings.maxWorkers() + " are allowed");
        }
        Map<String, WantedWorker> byId = new LinkedHashMap<>();
        List<ConstructorCheck.Candidate> newParams = new ArrayList<>();
        for (WorkerSpec spec : specs) {
            if (spec == null) {
                throw new InvalidSpecException("group '" + groupName + "' lists a null worker");
            }
            List<WantedWorker> workers = WantedWorker.of(spec);
            if (!alreadyValidated(slots.get(workers.get(0).id()), spec)) {
                WorkerType type = manifest.require(spec.type());
                type.parseParams(spec.params()); // once per spec, however many instances
                newParams.add(new ConstructorCheck.Candidate(type, spec.params()));
            }
            if (spec.schedule() != null) {
                RunSchedule.of(spec.schedule()); // a cron expression that does not parse is refused here
            }
            for (WantedWorker wanted : workers) {
                String id = wanted.id();
                if (!CoveyNames.isValid(id)) {
                    throw new InvalidSpecException("worker id '" + CoveyNames.printable(spec.effectiveId()) + "' with "
                            + spec.instances() + " instances gives the id '" + CoveyNames.printable(id)
                            + "', longer than the 128 characters an id may have; choose a shorter id");
                }
                WantedWorker twice = byId.put(id, wanted);
                if (twice != null) {
                    throw new InvalidSpecException("worker id '" + id + "' is declared twice in group '" + groupName
                            + "' (the same type with the same params, the same explicit id, or an instance id '<id>-<n>'"
                            + " of a spec with instances); declare it once");
                }
                WorkerSlot existing = slots.get(id);
                if (existing != null && existing.desired() != WorkerSlot.Desired.REMOVE && !existing.group().equals(groupName)) {
                    throw new WorkerConflictException(id, existing.group(), groupName);
                }
            }
            String firstId = workers.get(0).id();
            boolean foreign = Boolean.TRUE.equals(spec.options().orElse(settings.workerDefaults()).foreign());
            if (!foreignAvailable && foreign) {
                throw new InvalidSpecException("worker '" + firstId + "' is foreign (the default) but this manager"
                        + " cannot launch child processes; set \"foreign\": false in its options, or configure a foreign launcher");
            }
            if (foreign) {
                foreignLauncher.checkDeclared(firstId, spec.options());
            } else if (spec.options().jvmOptions() != null && !spec.options().jvmOptions().isEmpty()
                    || spec.options().maxHeap() != null) {
                throw new InvalidSpecException("worker '" + firstId + "' sets jvmOptions or maxHeap, which apply to a worker in a"
                        + " child JVM of its own, but it runs as a thread of the manager (\"foreign\": false)");
            }
        }
        ConstructorCheck.check(newParams); // last: the cheap checks refuse first, without a thread hand-off
        // Only a declared worker's own dependsOn can name a missing worker or close a cycle (the rest of
        // the graph was checked when it was declared): without any there is nothing to check, and the
        // host-wide graph costs milliseconds to build for 10,000 workers.
        if (byId.values().stream().anyMatch(wanted -> !wanted.spec().dependsOn().isEmpty())) {
            DependencyGraph.check(graphAfter(groupName, byId, replaceAll, slots), byId.keySet());
        }
        return byId;
    }

    /** Every worker the host would hold after the declaration: the declared ones, and the others that stay. */
    private static Map<String, List<Dependency>> graphAfter(String groupName, Map<String, WantedWorker> declared,
                                                            boolean replaceAll, Map<String, WorkerSlot> slots) {
        Map<String, List<Dependency>> graph = new HashMap<>();
        for (WorkerSlot slot : slots.values()) {
            boolean leaving = slot.desired() == WorkerSlot.Desired.REMOVE || (replaceAll && slot.group().equals(groupName));
            if (!leaving) {
                graph.put(slot.id, slot.spec().dependsOn());
            }
        }
        declared.forEach((id, wanted) -> graph.put(id, wanted.spec().dependsOn()));
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
