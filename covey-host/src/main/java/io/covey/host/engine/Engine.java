package io.covey.host.engine;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Executor;
import java.util.function.DoubleSupplier;

import io.covey.core.api.GroupDiff;
import io.covey.core.api.GroupStatus;
import io.covey.core.api.NotFoundException;
import io.covey.core.event.GroupEvent;
import io.covey.core.event.ResultEvent;
import io.covey.core.json.Durations;
import io.covey.core.lifecycle.WorkerState;
import io.covey.core.manifest.CoveyManifest;
import io.covey.core.spec.RestartPolicy;
import io.covey.core.spec.WorkerOptions;
import io.covey.core.spec.WorkerSpec;
import io.covey.host.engine.launch.LaunchRequest;
import io.covey.host.engine.launch.RunExit;
import io.covey.host.engine.launch.StatusReport;
import io.covey.host.engine.launch.WorkerLauncher;

/**
 * The manager's state and decisions. Every method runs on the one engine thread, so no two
 * changes interleave. Level-based: whatever woke it (a declaration, an exit, a timer), it looks
 * at what is wanted against what is observed in {@link #reconcile} and acts; running it twice
 * does nothing the second time.
 */
final class Engine {
    private final EngineContext context;
    private final CoveyManifest manifest;
    private final DeclarationValidator validator;
    private final WorkerLauncher inProcessLauncher;
    private final WorkerLauncher foreignLauncher;
    private final Scheduler scheduler;
    private final Executor engineExecutor;
    private final DoubleSupplier random;
    private final java.util.function.Consumer<DesiredState> desiredStateListener;

    private final Map<String, DeclaredGroup> groups = new LinkedHashMap<>();
    private final Map<String, WorkerSlot> slots = new HashMap<>();
    private final DependencyGate dependencies = new DependencyGate(slots);
    private final Set<String> dependencyChangesQueued = new HashSet<>();
    private final HealthMonitor health;
    private long revision;
    /** Attempts with a run in flight: counted, not recounted over every slot on each exit (O(n^2) at shutdown). */
    private int live;
    private boolean shuttingDown;
    private final java.util.concurrent.CompletableFuture<Void> drained = new java.util.concurrent.CompletableFuture<>();

    Engine(EngineContext context, CoveyManifest manifest, WorkerLauncher inProcessLauncher, WorkerLauncher foreignLauncher,
           Scheduler scheduler, Executor engineExecutor, DoubleSupplier random,
           java.util.function.Consumer<DesiredState> desiredStateListener) {
        this.context = context;
        this.manifest = manifest;
        this.inProcessLauncher = inProcessLauncher;
        this.foreignLauncher = foreignLauncher;
        this.scheduler = scheduler;
        this.engineExecutor = engineExecutor;
        this.random = random;
        this.desiredStateListener = desiredStateListener;
        this.validator = new DeclarationValidator(manifest, context.settings(), foreignLauncher != null);
        this.health = new HealthMonitor(context, scheduler, engineExecutor, this::restartUnhealthy);
    }

    // --- declarations ---

    /**
     * Declares workers in a group. With {@code replaceAll} (runGroup) the list is the whole group:
     * workers not listed are removed. Without it (addWorkers) the others are left alone.
     */
    GroupDiff declare(String groupName, List<WorkerSpec> specs, boolean replaceAll, String change) {
        DeclaredGroup existing = groups.get(groupName);
        Map<String, WorkerSpec> wanted = validator.validate(groupName, specs, replaceAll, slots,
                sizeAfter(existing, specs, replaceAll), hostSizeAfter(existing, specs, replaceAll));
        DeclaredGroup group = groups.computeIfAbsent(groupName, DeclaredGroup::new);
        List<String> started = new ArrayList<>();
        List<String> stopped = new ArrayList<>();
        List<String> unchanged = new ArrayList<>();
        List<WorkerSlot> touched = new ArrayList<>();

        for (Map.Entry<String, WorkerSpec> entry : wanted.entrySet()) {
            String id = entry.getKey();
            WorkerSpec spec = entry.getValue();
            WorkerSlot slot = slots.get(id);
            if (slot == null) {
                slot = newSlot(id, groupName, spec);
                started.add(id);
            } else if (slot.desired == WorkerSlot.Desired.REMOVE) {
                // Still winding down from an earlier removal: claim it; it starts once the old attempt is gone.
                slot.group = groupName;
                applySpec(slot, spec);
                slot.desired = WorkerSlot.Desired.RUN;
                slot.freshStartWanted = true;
                started.add(id);
            } else if (!sameDeclaration(slot, spec)) {
                applySpec(slot, spec);
                slot.desired = WorkerSlot.Desired.RUN;
                slot.freshStartWanted = true;
                started.add(id);
                stopped.add(id);
            } else if (slot.desired == WorkerSlot.Desired.STOP) {
                slot.desired = WorkerSlot.Desired.RUN;
                slot.restartTracker.reset();
                if (slot.state == WorkerState.STOPPED) {
                    started.add(id);
                } else {
                    unchanged.add(id);
                }
            } else {
                unchanged.add(id);
                if (!slot.spec.equals(spec)) {
                    // Only dependsOn (or how the id is written) changed: it decides when the worker starts, not what it runs.
                    slot.spec = spec;
                    dependencies.declare(id, spec.dependsOn());
                    touched.add(slot);
                }
                continue;
            }
            group.workerIds.add(id);
            touched.add(slot);
        }
        if (replaceAll) {
            for (String id : List.copyOf(group.workerIds)) {
                if (!wanted.containsKey(id)) {
                    group.workerIds.remove(id);
                    WorkerSlot slot = slots.get(id);
                    slot.desired = WorkerSlot.Desired.REMOVE;
                    stopped.add(id);
                    touched.add(slot);
                }
            }
        }
        return finishChange(group, change, started, stopped, unchanged, touched);
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
            slot.desired = WorkerSlot.Desired.REMOVE;
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
            if (slot.desired == WorkerSlot.Desired.RUN) {
                slot.desired = WorkerSlot.Desired.STOP;
                slot.freshStartWanted = false;
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
            slot.desired = WorkerSlot.Desired.REMOVE;
            touched.add(slot);
        }
        group.workerIds.clear();
        groups.remove(groupName);
        finishChange(group, "nuked", List.of(), removed, List.of(), touched);
    }

    io.covey.core.api.WorkerStatus restart(String id) {
        WorkerSlot slot = requireSlot(id);
        slot.restartTracker.reset();
        slot.desired = WorkerSlot.Desired.RUN;
        slot.freshStartWanted = true;
        slot.note("restart requested");
        reconcile(slot);
        return slot.snapshot();
    }

    /**
     * {@link WorkerSpec#sameDeclarationAs} without deriving both ids again (a SHA-256 each): the
     * slot was found under the spec's effective id, so the ids are equal already.
     */
    private static boolean sameDeclaration(WorkerSlot slot, WorkerSpec spec) {
        return slot.spec.type().equals(spec.type()) && slot.spec.params().equals(spec.params())
                && java.util.Objects.equals(slot.spec.options(), spec.options());
    }

    private GroupDiff finishChange(DeclaredGroup group, String change, List<String> started, List<String> stopped,
                                   List<String> unchanged, List<WorkerSlot> touched) {
        GroupDiff diff = new GroupDiff(group.name, started, stopped, unchanged, ++revision);
        if (diff.changedAnything()) {
            context.journal().append(new GroupEvent(0, context.clock().instant(), group.name, change, started, stopped));
        }
        touched.forEach(this::reconcile);
        publishDesiredState();
        return diff;
    }

    private void publishDesiredState() {
        desiredStateListener.accept(desiredState());
    }

    /** The declarations and the results worth keeping, as they stand now. */
    DesiredState desiredState() {
        List<DesiredState.Group> result = new ArrayList<>();
        for (DeclaredGroup group : groups.values()) {
            List<DesiredState.Worker> workers = new ArrayList<>();
            for (String id : group.workerIds) {
                WorkerSlot slot = slots.get(id);
                workers.add(new DesiredState.Worker(slot.spec, slot.desired == WorkerSlot.Desired.STOP,
                        slot.state == WorkerState.COMPLETED ? slot.result : null));
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
                String id = worker.spec().effectiveId();
                if (manifest.find(worker.spec().type()).isEmpty() || slots.containsKey(id)) {
                    skipped.add(saved.name() + "/" + id);
                    continue;
                }
                WorkerSlot slot = new WorkerSlot(id, saved.name(), worker.spec(), manifest.require(worker.spec().type()),
                        resolve(worker.spec()), context, this::stateChanged);
                if (worker.completedResult() != null) {
                    slot.state = WorkerState.COMPLETED;
                    slot.message = "completed (restored)";
                    slot.result = worker.completedResult();
                    slot.resultFuture.complete(slot.result);
                } else if (worker.stopped()) {
                    slot.state = WorkerState.STOPPED;
                    slot.message = "stopped (restored)";
                    slot.desired = WorkerSlot.Desired.STOP;
                }
                slots.put(id, slot);
                dependencies.declare(id, worker.spec().dependsOn());
                group.workerIds.add(id);
                slot.announce();
                restored.add(slot);
            }
        }
        revision = Math.max(revision, state.revision());
        restored.forEach(this::reconcile);
        return skipped;
    }

    private WorkerSlot newSlot(String id, String groupName, WorkerSpec spec) {
        WorkerSlot slot = new WorkerSlot(id, groupName, spec, manifest.require(spec.type()), resolve(spec), context,
                this::stateChanged);
        slots.put(id, slot);
        dependencies.declare(id, spec.dependsOn());
        slot.announce();
        return slot;
    }

    private void applySpec(WorkerSlot slot, WorkerSpec spec) {
        slot.spec = spec;
        slot.type = manifest.require(spec.type());
        slot.options = resolve(spec);
        slot.restartTracker.reset();
        dependencies.declare(slot.id, spec.dependsOn());
    }

    private WorkerOptions resolve(WorkerSpec spec) {
        return spec.options().orElse(context.settings().workerDefaults());
    }

    private int sizeAfter(DeclaredGroup group, List<WorkerSpec> specs, boolean replaceAll) {
        if (replaceAll || group == null) {
            return specs.size();
        }
        return (int) (group.workerIds.size() + specs.stream().map(WorkerSpec::effectiveId).distinct()
                .filter(id -> !group.workerIds.contains(id)).count());
    }

    private int hostSizeAfter(DeclaredGroup group, List<WorkerSpec> specs, boolean replaceAll) {
        int current = group == null ? 0 : group.workerIds.size();
        int others = (int) slots.values().stream().filter(s -> s.desired != WorkerSlot.Desired.REMOVE).count() - current;
        return others + sizeAfter(group, specs, replaceAll);
    }

    // --- the reconcile loop ---

    void reconcile(WorkerSlot slot) {
        if (shuttingDown) {
            if (slot.isLive()) {
                beginStop(slot, "the manager is shutting down");
            }
            return;
        }
        switch (slot.desired) {
            case RUN -> {
                String broken = slot.freshStartWanted ? null : dependencies.brokenBinding(slot);
                if (broken != null && (slot.isLive() || slot.state == WorkerState.BACKOFF)) {
                    slot.freshStartWanted = true;
                }
                if (slot.isLive()) {
                    if (slot.freshStartWanted) {
                        beginStop(slot, broken != null ? "restarting: " + broken : "restarting");
                    }
                } else if (slot.freshStartWanted || slot.state == WorkerState.PENDING || slot.state == WorkerState.STOPPED) {
                    startWhenReady(slot);
                }
            }
            case STOP, REMOVE -> {
                if (slot.isLive()) {
                    beginStop(slot, slot.desired == WorkerSlot.Desired.REMOVE ? "removed from group '" + slot.group + "'" : "group stopped");
                    return;
                }
                slot.cancelTimers();
                // A crash stays on record (it may have happened during this very stop); a pending
                // start is called off, and a FAILED worker taken out of service counts as stopped.
                if (slot.state == WorkerState.PENDING || slot.state == WorkerState.BACKOFF || slot.state == WorkerState.FAILED) {
                    slot.transitionTo(WorkerState.STOPPED, slot.desired == WorkerSlot.Desired.REMOVE ? "removed" : "group stopped");
                }
                if (slot.desired == WorkerSlot.Desired.REMOVE) {
                    slots.remove(slot.id);
                    dependencies.forget(slot.id);
                    slot.failResult("was removed");
                    stateChanged(slot); // its dependants learn it is gone
                }
            }
        }
    }

    /**
     * Starts the worker if its dependencies hold; otherwise it waits in PENDING, its message
     * saying for what, until a change of a dependency reconciles it again.
     */
    private void startWhenReady(WorkerSlot slot) {
        DependencyGate.Verdict verdict = dependencies.check(slot);
        if (verdict.met()) {
            start(slot);
            return;
        }
        slot.cancelTimers();
        slot.freshStartWanted = false;
        if (slot.state != WorkerState.PENDING || !verdict.message().equals(slot.message)) {
            slot.transitionTo(WorkerState.PENDING, verdict.message());
        }
    }

    /** A worker's state changed: look at its dependants again, once, after the current message. */
    private void stateChanged(WorkerSlot slot) {
        String id = slot.id;
        if (dependencies.dependantsOf(id).isEmpty() || !dependencyChangesQueued.add(id)) {
            return;
        }
        engineExecutor.execute(() -> {
            dependencyChangesQueued.remove(id);
            for (String dependant : dependencies.dependantsOf(id)) {
                WorkerSlot other = slots.get(dependant);
                if (other != null) {
                    reconcile(other);
                }
            }
        });
    }

    /** Failed health checks: stop the attempt; its end counts as a crash (see ExitClassifier). */
    private void restartUnhealthy(WorkerSlot slot) {
        slot.unhealthy = "unhealthy: " + slot.failedHealthChecks + " health checks failed in a row (last: "
                + slot.health.message() + ")";
        beginStop(slot, slot.unhealthy);
    }

    private void start(WorkerSlot slot) {
        slot.cancelTimers();
        slot.freshStartWanted = false;
        slot.attempt++;
        if (slot.attempt > 1) {
            slot.restarts++;
        }
        slot.stopRequested = false;
        slot.terminalReport = null;
        slot.forced = false;
        slot.runningSince = null;
        slot.unhealthy = null;
        slot.failedHealthChecks = 0;
        slot.boundTo = dependencies.bindings(slot);
        slot.startedAt = context.clock().instant();
        slot.endedAt = null;
        slot.renewResultFutureIfSettled();
        slot.transitionTo(WorkerState.STARTING, "attempt " + slot.attempt);
        int attempt = slot.attempt;
        SlotCallbacks callbacks = new SlotCallbacks(this, slot, attempt, context, engineExecutor);
        WorkerLauncher launcher = Boolean.TRUE.equals(slot.options.foreign()) ? foreignLauncher : inProcessLauncher;
        LaunchRequest request = new LaunchRequest(slot.id, slot.group, attempt, slot.type, slot.spec.params(), slot.options);
        try {
            slot.run = launcher.launch(request, callbacks);
            live++;
        } catch (RuntimeException e) {
            slot.run = null;
            callbacks.exited(RunExit.failed("could not launch: " + e));
            return;
        }
        Duration timeout = slot.options.startTimeout();
        slot.startTimer = scheduler.schedule(timeout, () -> engineExecutor.execute(() -> {
            if (slot.attempt == attempt && slot.isLive() && slot.state == WorkerState.STARTING) {
                slot.run.kill("did not report running within " + Durations.format(timeout) + " (start timeout)");
            }
        }));
    }

    private void beginStop(WorkerSlot slot, String reason) {
        if (!slot.isLive() || slot.stopRequested) {
            return;
        }
        slot.stopRequested = true;
        if (slot.startTimer != null) {
            slot.startTimer.cancel();
            slot.startTimer = null;
        }
        if (slot.state != WorkerState.STOPPING) {
            slot.transitionTo(WorkerState.STOPPING, reason);
        }
        slot.run.stop(slot.options.stopTimeout());
    }

    // --- what attempts report (via SlotCallbacks, on the engine thread) ---

    void onReport(WorkerSlot slot, int attempt, StatusReport report) {
        if (slot.attempt != attempt || !slot.isLive()) {
            return;
        }
        String message = report.message();
        switch (report.status()) {
            case STARTING -> moveIfFrom(slot, WorkerState.STARTING, message, WorkerState.STARTING);
            case RUNNING -> {
                if (moveIfFrom(slot, WorkerState.RUNNING, message, WorkerState.STARTING, WorkerState.RUNNING)
                        && slot.runningSince == null) {
                    slot.runningSince = context.clock().instant();
                    if (slot.startTimer != null) {
                        slot.startTimer.cancel();
                        slot.startTimer = null;
                    }
                    health.watch(slot);
                }
            }
            case STOPPING -> moveIfFrom(slot, WorkerState.STOPPING, message, WorkerState.STARTING, WorkerState.RUNNING, WorkerState.STOPPING);
            case COMPLETED, CRASHED, STOPPED -> {
                if (slot.terminalReport == null) {
                    slot.terminalReport = report;
                }
            }
        }
    }

    private boolean moveIfFrom(WorkerSlot slot, WorkerState next, String message, WorkerState... from) {
        for (WorkerState allowed : from) {
            if (slot.state == allowed) {
                slot.transitionTo(next, message == null ? next.name().toLowerCase() : message);
                return true;
            }
        }
        slot.note("ignored a " + next.name().toLowerCase() + "() call while " + slot.state);
        return false;
    }

    void onExit(WorkerSlot slot, int attempt, RunExit exit) {
        if (slot.attempt != attempt || !slot.isLive()) {
            return;
        }
        slot.run = null;
        live--;
        if (slot.startTimer != null) {
            slot.startTimer.cancel();
            slot.startTimer = null;
        }
        if (slot.healthTimer != null) {
            slot.healthTimer.cancel();
            slot.healthTimer = null;
        }
        ExitClassifier.Outcome outcome = ExitClassifier.classify(slot.terminalReport, exit, slot.stopRequested, slot.unhealthy);
        slot.endedAt = context.clock().instant();
        slot.forced = outcome.forced();
        if (outcome.forced() && outcome.state() == WorkerState.STOPPED) {
            slot.note("refused to stop: " + outcome.message());
        }
        slot.transitionTo(outcome.state(), outcome.message());
        if (outcome.state() == WorkerState.COMPLETED) {
            slot.result = slot.terminalReport.result();
            slot.resultFuture.complete(slot.result);
            context.journal().append(new ResultEvent(0, slot.endedAt, slot.group, slot.id, attempt, slot.result));
            if (slot.desired != WorkerSlot.Desired.REMOVE) {
                publishDesiredState();
            }
        }
        if (slot.desired == WorkerSlot.Desired.RUN && !slot.freshStartWanted && !shuttingDown) {
            applyRestartPolicy(slot, outcome.state());
        }
        reconcile(slot);
        if (shuttingDown && liveCount() == 0) {
            drained.complete(null);
        }
    }

    private void applyRestartPolicy(WorkerSlot slot, WorkerState ended) {
        RestartPolicy policy = slot.options.restart();
        if (ended == WorkerState.CRASHED) {
            if (policy == RestartPolicy.NEVER) {
                slot.failResult("crashed and its restart policy is never: " + slot.message);
                return;
            }
            RestartTracker.Decision decision = slot.restartTracker.afterCrash(
                    context.clock().instant(), slot.runningSince, slot.options, random);
            if (decision.givesUp()) {
                slot.transitionTo(WorkerState.FAILED, "crashed " + decision.crashesInWindow() + " times within "
                        + Durations.format(slot.options.restartWindow()) + "; giving up (last crash: " + slot.message + ")");
                slot.failResult("failed: " + slot.message);
                return;
            }
            backOff(slot, decision.delay());
        } else if (policy == RestartPolicy.ALWAYS) {
            backOff(slot, slot.restartTracker.afterCleanExit(context.clock().instant(), slot.runningSince, slot.options, random).delay());
        }
    }

    private void backOff(WorkerSlot slot, Duration delay) {
        slot.transitionTo(WorkerState.BACKOFF, delay.isZero() ? "restarting now" : "restarting in " + Durations.format(delay));
        if (delay.isZero()) {
            start(slot);
            return;
        }
        int attempt = slot.attempt;
        slot.backoffTimer = scheduler.schedule(delay, () -> engineExecutor.execute(() -> {
            if (slot.attempt == attempt && slot.state == WorkerState.BACKOFF && slot.desired == WorkerSlot.Desired.RUN && !shuttingDown) {
                slot.backoffTimer = null;
                start(slot);
            }
        }));
    }

    // --- reads and shutdown ---

    List<GroupStatus> groups() {
        return groups.values().stream().map(this::groupStatus).toList();
    }

    GroupStatus group(String name) {
        return groupStatus(requireGroup(name));
    }

    private GroupStatus groupStatus(DeclaredGroup group) {
        List<io.covey.core.api.WorkerStatus> workers = group.workerIds.stream().map(id -> slots.get(id).snapshot()).toList();
        boolean stopped = !group.workerIds.isEmpty()
                && group.workerIds.stream().allMatch(id -> slots.get(id).desired == WorkerSlot.Desired.STOP);
        return new GroupStatus(group.name, stopped, workers);
    }

    WorkerSlot requireSlot(String id) {
        WorkerSlot slot = slots.get(id);
        if (slot == null) {
            throw NotFoundException.worker(id);
        }
        return slot;
    }

    private DeclaredGroup requireGroup(String name) {
        DeclaredGroup group = groups.get(name);
        if (group == null) {
            throw NotFoundException.group(name);
        }
        return group;
    }

    /** Stops every attempt and allows no new one; the future completes when none is live. */
    java.util.concurrent.CompletableFuture<Void> beginShutdown() {
        shuttingDown = true;
        slots.values().forEach(WorkerSlot::cancelTimers);
        slots.values().forEach(slot -> beginStop(slot, "the manager is shutting down"));
        if (liveCount() == 0) {
            drained.complete(null);
        }
        return drained;
    }

    int liveCount() {
        return live;
    }
}
