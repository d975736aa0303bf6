package io.covey.engine;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Consumer;

import io.covey.core.api.GroupDiff;
import io.covey.core.api.GroupStatus;
import io.covey.core.api.InvalidSpecException;
import io.covey.core.api.NotFoundException;
import io.covey.core.event.GroupEvent;
import io.covey.core.lifecycle.WorkerState;
import io.covey.core.manifest.CoveyManifest;
import io.covey.core.spec.UpdateStrategy;
import io.covey.core.spec.WorkerSpec;

/**
 * What is wanted: the groups and the specs of their workers, changed by runGroup, addWorkers,
 * removeWorkers, stopGroup and nukeGroup, and kept as a {@link DesiredState}. A change only
 * records the wish; the {@link Loop} (the engine's reconcile) acts on it. Engine thread only.
 */
final class Declarations {
    /** A new worker's first message. */
    private static final String DECLARED = "declared";

    /** The engine's side: act on a slot whose wish changed, and tell dependants a state changed. */
    interface Loop {
        void reconcile(WorkerSlot slot);

        void stateChanged(WorkerSlot slot);
    }

    private final EngineContext context;
    private final CoveyManifest manifest;
    private final DeclarationValidator validator;
    private final Map<String, WorkerSlot> slots;
    private final DependencyGate dependencies;
    private final Consumer<DesiredState> desiredStateListener;
    private final Loop loop;
    private final Map<String, DeclaredGroup> groups = new LinkedHashMap<>();
    private long revision;

    Declarations(EngineContext context, CoveyManifest manifest, DeclarationValidator validator, Map<String, WorkerSlot> slots,
                 DependencyGate dependencies, Consumer<DesiredState> desiredStateListener, Loop loop) {
        this.context = context;
        this.manifest = manifest;
        this.validator = validator;
        this.slots = slots;
        this.dependencies = dependencies;
        this.desiredStateListener = desiredStateListener;
        this.loop = loop;
    }

    /**
     * Declares workers in a group. With {@code replaceAll} (runGroup) the list is the whole group:
     * workers not listed are removed. Without it (addWorkers) the others are left alone.
     */
    GroupDiff declare(String groupName, List<WorkerSpec> specs, boolean replaceAll, String change) {
        DeclaredGroup existing = groups.get(groupName);
        Map<String, WantedWorker> wanted = validator.validate(groupName, specs, replaceAll, slots,
                sizeAfter(existing, specs, replaceAll), hostSizeAfter(existing, specs, replaceAll));
        List<String> dropped = new ArrayList<>();
        if (replaceAll && existing != null) {
            existing.workerIds.stream().filter(id -> !wanted.containsKey(id)).forEach(dropped::add);
        }
        return apply(groupName, wanted, dropped, change, List.of());
    }

    /**
     * Scales the declaration that holds worker {@code id} (a spec's id, or the id of one of its
     * instances) to {@code instances} workers: the indexes it gains start, the highest ones it loses
     * stop and are removed, the others are left alone. A worker declared without instances becomes
     * instance 0 … N-1 of its spec (ids {@code <id>-<n>}). Nothing else of the group changes, so a
     * stopped sibling stays stopped.
     */
    GroupDiff scale(String id, int instances) {
        if (instances < 1) {
            throw new InvalidSpecException("cannot scale '" + id + "' to " + instances
                    + " instances; it needs at least 1 (remove the worker to run none)");
        }
        WorkerSlot member = family(id);
        WorkerSpec scaled = member.spec().withInstances(instances);
        DeclaredGroup group = groups.get(member.group());
        List<String> current = group.workerIds.stream().filter(other -> sameFamily(slots.get(other), member)).toList();
        int groupSize = group.workerIds.size() - current.size() + instances;
        int hostSize = liveDeclarations() - current.size() + instances;
        Map<String, WantedWorker> wanted = validator.validate(group.name, List.of(scaled), false, slots, groupSize, hostSize);
        for (String other : wanted.keySet()) {
            WorkerSlot holder = slots.get(other);
            if (!current.contains(other) && holder != null && holder.desired() != WorkerSlot.Desired.REMOVE) {
                throw new InvalidSpecException("cannot scale '" + id + "' to " + instances + " instances: its instance id '"
                        + other + "' is already the id of another worker of group '" + holder.group() + "'");
            }
        }
        List<String> dropped = current.stream().filter(other -> !wanted.containsKey(other)).toList();
        // The instances that stay only learn their new count: one stopped stays stopped, as its siblings do.
        Map<String, WantedWorker> added = new LinkedHashMap<>();
        List<String> kept = new ArrayList<>();
        wanted.forEach((other, worker) -> {
            WorkerSlot slot = slots.get(other);
            if (current.contains(other) && slot.instance() != null) {
                slot.declare(new WorkerSlot.Declared(slot.group(), scaled, slot.type(), slot.options(), worker.instance()));
                kept.add(other);
            } else {
                added.put(other, worker);
            }
        });
        return apply(group.name, added, dropped, "scaled", kept);
    }

    /** The slot of worker {@code id}, or of the first instance of the spec whose id it is; else not found. */
    private WorkerSlot family(String id) {
        WorkerSlot slot = slots.get(id);
        if (slot != null && slot.desired() != WorkerSlot.Desired.REMOVE) {
            return slot;
        }
        for (DeclaredGroup group : groups.values()) {
            for (String workerId : group.workerIds) {
                WorkerSlot candidate = slots.get(workerId);
                if (candidate.instance() != null && candidate.spec().effectiveId().equals(id)) {
                    return candidate;
                }
            }
        }
        throw NotFoundException.worker(id);
    }

    /** Whether both slots stand for the same spec: the same worker, or instances of the same id. */
    private static boolean sameFamily(WorkerSlot slot, WorkerSlot member) {
        if (member.instance() == null || slot.instance() == null) {
            return slot == member;
        }
        return slot.spec().effectiveId().equals(member.spec().effectiveId());
    }

    /**
     * Makes the wanted workers so and removes the dropped ones, as one change of the group;
     * {@code kept} are reported unchanged.
     */
    private GroupDiff apply(String groupName, Map<String, WantedWorker> wanted, List<String> dropped, String change,
                            List<String> kept) {
        DeclaredGroup group = groups.computeIfAbsent(groupName, DeclaredGroup::new);
        List<String> started = new ArrayList<>();
        List<String> stopped = new ArrayList<>();
        List<String> unchanged = new ArrayList<>(kept);
        List<WorkerSlot> touched = new ArrayList<>();

        for (WantedWorker worker : wanted.values()) {
            String id = worker.id();
            WorkerSpec spec = worker.spec();
            WorkerSlot slot = slots.get(id);
            Change what = Change.of(slot, spec);
            what.tally(id, started, stopped, unchanged);
            switch (what) {
                case NEW -> slot = newSlot(worker, groupName);
                case RECLAIM -> {
                    // Still winding down from an earlier removal: claim it; it starts once the old attempt is gone.
                    applySpec(slot, groupName, worker);
                    slot.wantFreshStart();
                }
                case REPLACE -> {
                    applySpec(slot, slot.group(), worker);
                    if (spec.updateStrategy() == UpdateStrategy.ROLLING) {
                        slot.wantRollingReplacement(); // the engine rolls it if it runs, else recreates it
                    } else {
                        slot.wantFreshStart();
                    }
                }
                case RESUME_STOPPED -> {
                    slot.restartTracker.reset();
                    slot.wantFreshStart(); // however it came to be stopped, by its group's stop or on its own
                }
                case RESUME -> {
                    slot.restartTracker.reset();
                    slot.want(WorkerSlot.Desired.RUN); // a stop still under way: it starts once that is over
                }
                case KEEP -> {
                    // Type, params and options are the same (sameDeclaration), so only dependsOn, how the id is
                    // written, instances or update can differ; comparing just those spares a second deep comparison
                    // of every worker's params.
                    WorkerSpec declared = slot.spec();
                    if (!Objects.equals(declared.id(), spec.id()) || !declared.dependsOn().equals(spec.dependsOn())
                            || !Objects.equals(declared.instances(), spec.instances())
                            || !Objects.equals(declared.update(), spec.update())) {
                        // None of them decides what the worker runs: dependsOn when it starts, instances how many
                        // siblings it has, update how the next change is made.
                        slot.declare(new WorkerSlot.Declared(slot.group(), spec, slot.type(), slot.options(), worker.instance()));
                        dependencies.declare(id, spec.dependsOn());
                        touched.add(slot);
                    }
                    continue;
                }
            }
            group.workerIds.add(id);
            touched.add(slot);
        }
        for (String id : dropped) {
            group.workerIds.remove(id);
            WorkerSlot slot = slots.get(id);
            slot.want(WorkerSlot.Desired.REMOVE);
            stopped.add(id);
            touched.add(slot);
        }
        return finishChange(group, change, started, stopped, unchanged, touched);
    }

    /**
     * What {@code declare(groupName, specs, true, ...)} would do, checked the same way, doing
     * none of it: no slot, group, event, reconcile or desired-state change. The revision is the
     * current one, the declarations the diff was computed against.
     */
    GroupDiff dryRun(String groupName, List<WorkerSpec> specs) {
        DeclaredGroup existing = groups.get(groupName);
        Map<String, WantedWorker> wanted = validator.validate(groupName, specs, true, slots,
                sizeAfter(existing, specs, true), hostSizeAfter(existing, specs, true));
        List<String> started = new ArrayList<>();
        List<String> stopped = new ArrayList<>();
        List<String> unchanged = new ArrayList<>();
        wanted.forEach((id, worker) -> Change.of(slots.get(id), worker.spec()).tally(id, started, stopped, unchanged));
        if (existing != null) {
            existing.workerIds.stream().filter(id -> !wanted.containsKey(id)).forEach(stopped::add);
        }
        return new GroupDiff(groupName, started, stopped, unchanged, revision);
    }

    /** What declaring a spec does to the slot already holding its id; decided here once for declare and dryRun. */
    private enum Change {
        /** No slot has the id: a new worker starts. */
        NEW,
        /** The slot is on its way out after a removal: it is claimed and starts again. */
        RECLAIM,
        /** The declaration changed under the same id: the worker is stopped and started with the new spec. */
        REPLACE,
        /** The same declaration of a worker wanted stopped, and STOPPED (by its group's stop or on its own): it starts. */
        RESUME_STOPPED,
        /** The same declaration of a worker wanted stopped whose stop is still under way: it starts once that is over. */
        RESUME,
        /** The same declaration, wanted running: left alone. */
        KEEP;

        static Change of(WorkerSlot slot, WorkerSpec spec) {
            if (slot == null) {
                return NEW;
            }
            if (slot.desired() == WorkerSlot.Desired.REMOVE) {
                return RECLAIM;
            }
            if (!sameDeclaration(slot, spec)) {
                return REPLACE;
            }
            if (slot.desired() == WorkerSlot.Desired.STOP) {
                return slot.state() == WorkerState.STOPPED ? RESUME_STOPPED : RESUME;
            }
            return KEEP;
        }

        /** Puts the id where the diff reports this change. */
        void tally(String id, List<String> started, List<String> stopped, List<String> unchanged) {
            switch (this) {
                case NEW, RECLAIM, RESUME_STOPPED -> started.add(id);
                case REPLACE -> {
                    started.add(id);
                    stopped.add(id);
                }
                case RESUME, KEEP -> unchanged.add(id);
            }
        }
    }

    GroupDiff remove(String groupName, List<String> workerIds) {
        DeclaredGroup group = requireGroup(groupName);
        for (String id : workerIds) {
            if (!group.workerIds.contains(id)) {
                throw new NotFoundException("group '" + groupName + "' has no worker '" + id + "'");
            }
        }
        List<WorkerSlot> touched = new ArrayList<>();
        for (String id : workerIds) {
            group.workerIds.remove(id);
            WorkerSlot slot = slots.get(id);
            slot.want(WorkerSlot.Desired.REMOVE);
            touched.add(slot);
        }
        List<String> unchanged = List.copyOf(group.workerIds);
        return finishChange(group, "workers-removed", List.of(), List.copyOf(workerIds), unchanged, touched);
    }

    GroupStatus stopGroup(String groupName) {
        DeclaredGroup group = requireGroup(groupName);
        List<String> stopped = new ArrayList<>();
        List<WorkerSlot> touched = new ArrayList<>();
        for (String id : group.workerIds) {
            WorkerSlot slot = slots.get(id);
            if (slot.desired() == WorkerSlot.Desired.RUN) {
                slot.want(WorkerSlot.Desired.STOP);
                stopped.add(id);
                touched.add(slot);
            }
        }
        finishChange(group, "stopped", List.of(), stopped, List.of(), touched);
        return groupStatus(group);
    }

    void nukeGroup(String groupName) {
        DeclaredGroup group = requireGroup(groupName);
        List<String> removed = List.copyOf(group.workerIds);
        List<WorkerSlot> touched = new ArrayList<>();
        for (String id : removed) {
            WorkerSlot slot = slots.get(id);
            slot.want(WorkerSlot.Desired.REMOVE);
            touched.add(slot);
        }
        group.workerIds.clear();
        groups.remove(groupName);
        finishChange(group, "nuked", List.of(), removed, List.of(), touched);
    }

    /**
     * {@link WorkerSpec#sameDeclarationAs} without deriving both ids again (a SHA-256 each): the
     * slot was found under the spec's effective id, so the ids are equal already.
     */
    private static boolean sameDeclaration(WorkerSlot slot, WorkerSpec spec) {
        WorkerSpec declared = slot.spec();
        return declared.type().equals(spec.type()) && declared.params().equals(spec.params())
                && Objects.equals(declared.options(), spec.options())
                && Objects.equals(declared.schedule(), spec.schedule()); // a new schedule is a new declaration
    }

    private GroupDiff finishChange(DeclaredGroup group, String change, List<String> started, List<String> stopped,
                                   List<String> unchanged, List<WorkerSlot> touched) {
        GroupDiff diff = new GroupDiff(group.name, started, stopped, unchanged, ++revision);
        if (diff.changedAnything()) {
            context.journal().append(new GroupEvent(0, context.clock().instant(), group.name, change, started, stopped));
        }
        touched.forEach(loop::reconcile);
        publishDesiredState();
        return diff;
    }

    void publishDesiredState() {
        desiredStateListener.accept(desiredState());
    }

    /** The declarations and the results worth keeping, as they stand now. */
    DesiredState desiredState() {
        List<DesiredState.Group> result = new ArrayList<>();
        for (DeclaredGroup group : groups.values()) {
            List<DesiredState.Worker> workers = new ArrayList<>();
            for (String id : group.workerIds) {
                WorkerSlot slot = slots.get(id);
                workers.add(new DesiredState.Worker(slot.spec(), slot.desired() == WorkerSlot.Desired.STOP,
                        slot.state() == WorkerState.COMPLETED ? slot.result() : null, slot.instance(), slot.lastDueAt()));
            }
            result.add(new DesiredState.Group(group.name, workers));
        }
        return new DesiredState(revision, result);
    }

    /**
     * Brings back what a previous manager was told: declared workers start, stopped ones stay
     * stopped, completed ones keep their result and are not run again. Workers whose type is
     * no longer declared are skipped and named in the returned list.
     */
    List<String> restore(DesiredState state) {
        List<String> skipped = new ArrayList<>();
        List<WorkerSlot> restored = new ArrayList<>();
        for (DesiredState.Group saved : state.groups()) {
            DeclaredGroup group = groups.computeIfAbsent(saved.name(), DeclaredGroup::new);
            for (DesiredState.Worker worker : saved.workers()) {
                WantedWorker wanted = worker.wanted();
                String id = wanted.id();
                if (manifest.find(worker.spec().type()).isEmpty() || slots.containsKey(id)) {
                    skipped.add(saved.name() + "/" + id);
                    continue;
                }
                WorkerSlot slot = new WorkerSlot(id, declared(saved.name(), wanted), context, loop::stateChanged);
                slots.put(id, slot);
                dependencies.declare(id, worker.spec().dependsOn());
                group.workerIds.add(id);
                slot.dueHandled(worker.lastDueAt()); // a scheduled worker's missed runs are counted from it
                // Its first state is the one it was left in, through the funnel like every other.
                if (worker.completedResult() != null) {
                    slot.completed(worker.completedResult());
                    slot.transitionTo(WorkerState.COMPLETED, "completed (restored)");
                } else if (worker.stopped()) {
                    slot.want(WorkerSlot.Desired.STOP);
                    slot.transitionTo(WorkerState.STOPPED, "stopped (restored)");
                } else {
                    slot.transitionTo(WorkerState.PENDING, DECLARED);
                }
                restored.add(slot);
            }
        }
        revision = Math.max(revision, state.revision());
        restored.forEach(loop::reconcile);
        return skipped;
    }

    private WorkerSlot newSlot(WantedWorker worker, String groupName) {
        WorkerSlot slot = new WorkerSlot(worker.id(), declared(groupName, worker), context, loop::stateChanged);
        slots.put(worker.id(), slot);
        dependencies.declare(worker.id(), worker.spec().dependsOn());
        slot.transitionTo(WorkerState.PENDING, DECLARED);
        return slot;
    }

    /** A new declaration of the slot's worker (in {@code groupName}, which claims it from a group that removed it). */
    private void applySpec(WorkerSlot slot, String groupName, WantedWorker worker) {
        slot.disarmNextRun(); // a new schedule, or none, is armed by the reconcile that follows
        slot.declare(declared(groupName, worker));
        slot.restartTracker.reset();
        dependencies.declare(slot.id, worker.spec().dependsOn());
    }

    private WorkerSlot.Declared declared(String groupName, WantedWorker worker) {
        WorkerSpec spec = worker.spec();
        return new WorkerSlot.Declared(groupName, spec, manifest.require(spec.type()),
                spec.options().orElse(context.settings().workerDefaults()), worker.instance());
    }

    /** The workers the group holds after the declaration; each instance counts. */
    private int sizeAfter(DeclaredGroup group, List<WorkerSpec> specs, boolean replaceAll) {
        long declared = WantedWorker.count(specs);
        if (replaceAll || group == null || declared > context.settings().maxWorkersPerGroup()) {
            return (int) Math.min(declared, Integer.MAX_VALUE); // too many is refused before anything is expanded
        }
        return (int) (group.workerIds.size() + specs.stream().filter(Objects::nonNull)
                .flatMap(spec -> WantedWorker.of(spec).stream()).map(WantedWorker::id).distinct()
                .filter(id -> !group.workerIds.contains(id)).count());
    }

    private int hostSizeAfter(DeclaredGroup group, List<WorkerSpec> specs, boolean replaceAll) {
        int current = group == null ? 0 : group.workerIds.size();
        return liveDeclarations() - current + sizeAfter(group, specs, replaceAll);
    }

    /** The workers the manager holds that are not on their way out. */
    private int liveDeclarations() {
        return (int) slots.values().stream().filter(s -> s.desired() != WorkerSlot.Desired.REMOVE).count();
    }

    // --- reads ---

    List<GroupStatus> groups() {
        return groups.values().stream().map(this::groupStatus).toList();
    }

    GroupStatus group(String name) {
        return groupStatus(requireGroup(name));
    }

    private GroupStatus groupStatus(DeclaredGroup group) {
        List<io.covey.core.api.WorkerStatus> workers = group.workerIds.stream().map(id -> slots.get(id).snapshot()).toList();
        boolean stopped = !group.workerIds.isEmpty()
                && group.workerIds.stream().allMatch(id -> slots.get(id).desired() == WorkerSlot.Desired.STOP);
        return new GroupStatus(group.name, stopped, workers);
    }

    DeclaredGroup requireGroup(String name) {
        DeclaredGroup group = groups.get(name);
        if (group == null) {
            throw NotFoundException.group(name);
        }
        return group;
    }
}
