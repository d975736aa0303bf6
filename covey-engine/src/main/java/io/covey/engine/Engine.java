package io.covey.engine;

import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Executor;
import java.util.function.DoubleSupplier;

import io.covey.core.api.NotFoundException;
import io.covey.core.event.ResultEvent;
import io.covey.core.json.Durations;
import io.covey.core.lifecycle.WorkerState;
import io.covey.core.manifest.CoveyManifest;
import io.covey.core.spec.RestartPolicy;
import io.covey.engine.launch.LaunchRequest;
import io.covey.engine.launch.RunExit;
import io.covey.engine.launch.StatusReport;
import io.covey.engine.launch.WorkerLauncher;

/**
 * The manager's decisions. Every method runs on the one engine thread, so no two changes
 * interleave. What is wanted lives in {@link Declarations}; what is observed in the
 * {@link WorkerSlot}s. Level-based: whatever woke it (a declaration, an exit, a timer), it looks
 * at what is wanted against what is observed in {@link #reconcile} and acts; running it twice
 * does nothing the second time. Attempts are started, stopped and ended here, in one place.
 */
final class Engine {
    private final EngineContext context;
    private final Declarations declarations;
    private final WorkerLauncher inProcessLauncher;
    private final WorkerLauncher foreignLauncher;
    private final Scheduler scheduler;
    private final Executor engineExecutor;
    private final DoubleSupplier random;

    private final Map<String, WorkerSlot> slots = new HashMap<>();
    private final DependencyGate dependencies = new DependencyGate(slots);
    private final Set<String> dependencyChangesQueued = new HashSet<>();
    private final HealthMonitor health;
    /** Attempts with a run in flight: counted, not recounted over every slot on each exit (O(n^2) at shutdown). */
    private int live;
    private boolean shuttingDown;
    private final java.util.concurrent.CompletableFuture<Void> drained = new java.util.concurrent.CompletableFuture<>();

    Engine(EngineContext context, CoveyManifest manifest, WorkerLauncher inProcessLauncher, WorkerLauncher foreignLauncher,
           Scheduler scheduler, Executor engineExecutor, DoubleSupplier random,
           java.util.function.Consumer<DesiredState> desiredStateListener) {
        this.context = context;
        this.inProcessLauncher = inProcessLauncher;
        this.foreignLauncher = foreignLauncher;
        if (foreignLauncher != null) {
            foreignLauncher.prepareFor(manifest);
        }
        this.scheduler = scheduler;
        this.engineExecutor = engineExecutor;
        this.random = random;
        this.declarations = new Declarations(context, manifest,
                new DeclarationValidator(manifest, context.settings(), foreignLauncher != null),
                slots, dependencies, desiredStateListener, new Declarations.Loop() {
                    @Override
                    public void reconcile(WorkerSlot slot) {
                        Engine.this.reconcile(slot);
                    }

                    @Override
                    public void stateChanged(WorkerSlot slot) {
                        Engine.this.stateChanged(slot);
                    }
                });
        this.health = new HealthMonitor(context, scheduler, engineExecutor, this::restartUnhealthy);
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
                declarations.publishDesiredState();
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

    WorkerSlot requireSlot(String id) {
        WorkerSlot slot = slots.get(id);
        if (slot == null) {
            throw NotFoundException.worker(id);
        }
        return slot;
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

    /** The groups and specs: declaring, removing, stopping, nuking, and reading them. */
    Declarations declarations() {
        return declarations;
    }
}
