package io.covey.engine;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Executor;
import java.util.function.DoubleSupplier;

import io.covey.core.api.InputNotAcceptedException;
import io.covey.core.api.InputQueueFullException;
import io.covey.core.api.InputReceipt;
import io.covey.core.api.NotFoundException;
import io.covey.core.event.ResultEvent;
import io.covey.core.event.ScheduleEvent;
import io.covey.core.json.Durations;
import io.covey.core.lifecycle.CrashReason;
import io.covey.core.lifecycle.WorkerState;
import io.covey.core.manifest.CoveyManifest;
import io.covey.core.spec.RestartPolicy;
import io.covey.core.spec.WorkerOptions;
import io.covey.core.spec.WorkerSchedule;
import io.covey.core.worker.CoveyWorker;
import io.covey.core.worker.StatusCall;
import io.covey.core.worker.WorkerInput;
import io.covey.core.spec.ByteSize;
import io.covey.engine.launch.LaunchRequest;
import io.covey.engine.launch.ResourceUsage;
import io.covey.engine.launch.RunExit;
import io.covey.engine.launch.StatusReport;
import io.covey.engine.launch.WorkerLauncher;
import io.covey.engine.launch.WorkerRun;
import tools.jackson.databind.JsonNode;

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
    private final RollingUpdates rolls;
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
                new DeclarationValidator(manifest, context.settings(), foreignLauncher),
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
        this.rolls = new RollingUpdates(context, scheduler, engineExecutor, new RollingUpdates.Engine() {
            @Override
            public void launch(WorkerSlot slot, Attempt attempt) {
                Engine.this.launch(slot, attempt);
            }

            @Override
            public void reconcile(WorkerSlot slot) {
                Engine.this.reconcile(slot);
            }

            @Override
            public void watchHealth(WorkerSlot slot, Attempt attempt) {
                health.watch(slot, attempt);
            }

            @Override
            public Map<String, Integer> bindings(WorkerSlot slot) {
                return dependencies.bindings(slot);
            }

            @Override
            public WorkerSlot slot(String id) {
                return slots.get(id);
            }
        });
    }

    io.covey.core.api.WorkerStatus restart(String id) {
        WorkerSlot slot = requireSlot(id);
        slot.restartTracker.reset();
        slot.wantRunNow(null); // a scheduled worker runs at once, then keeps to its schedule
        slot.note("restart requested");
        reconcile(slot);
        return slot.snapshot();
    }

    /**
     * Ends the worker's attempt now: a foreign child's whole process tree gets SIGKILL, an
     * in-process worker is forced as at the end of its stop timeout. In STOPPING the attempt ends
     * STOPPED {@code forced}, and what the stop was for follows (a restart starts it again); in
     * STARTING or RUNNING, no stop having been asked, it ends CRASHED with reason {@code killed},
     * and the restart policy decides what follows. A worker with no live attempt is left as it is.
     */
    io.covey.core.api.WorkerStatus kill(String id) {
        WorkerSlot slot = requireSlot(id);
        Attempt attempt = slot.attempt();
        if (attempt.isLive()) {
            slot.note("killed on request in " + slot.state());
            attempt.cancel(Attempt.Timer.START);
            attempt.run().kill(attempt.stopRequested() ? "killed on request while stopping" : "killed on request");
        }
        return slot.snapshot();
    }

    /** Queues input for the worker's running attempt, within the input queue's bounds (see ManagerSettings). */
    InputReceipt send(String id, WorkerInput input) {
        WorkerSlot slot = requireSlot(id);
        if (!CoveyWorker.takesInput(slot.type().workerClass())) {
            throw new InputNotAcceptedException("worker '" + id + "' takes no input: its type '"
                    + slot.type().name() + "' does not override onInput(WorkerInput)");
        }
        Attempt attempt = slot.attempt();
        if (!attempt.isLive() || slot.state() != WorkerState.RUNNING) {
            throw new InputNotAcceptedException("worker '" + id + "' is " + slot.state()
                    + "; input is taken only while it is RUNNING");
        }
        int size = input.size();
        ManagerSettings settings = context.settings();
        if (attempt.pendingInputs() >= settings.inputQueue()
                || attempt.pendingInputs() > 0 && attempt.pendingInputBytes() + size > settings.inputQueueBytes()) {
            throw new InputQueueFullException("worker '" + id + "' has " + attempt.pendingInputs()
                    + " inputs (" + attempt.pendingInputBytes() + " bytes) it has not handled yet, as many as its queue holds ("
                    + settings.inputQueue() + " inputs, " + settings.inputQueueBytes() + " bytes); send again once it has caught up",
                    settings.inputQueue());
        }
        try {
            attempt.run().deliver(input);
        } catch (UnsupportedOperationException e) {
            throw new InputNotAcceptedException("worker '" + id + "' takes no input: " + e.getMessage());
        }
        return new InputReceipt(id, attempt.number(), attempt.inputQueued(size));
    }

    void onInputHandled(WorkerSlot slot, Attempt attempt) {
        attempt.inputHandled(); // an older attempt's count is of no use any more, and harmless
    }

    // --- the reconcile loop ---

    void reconcile(WorkerSlot slot) {
        if (shuttingDown) {
            if (slot.isLive()) {
                beginStop(slot, "the manager is shutting down");
            }
            rolls.stopSides(slot, "the manager is shutting down");
            return;
        }
        RunSchedule schedule = slot.runSchedule();
        if (schedule != null && slot.desired() == WorkerSlot.Desired.RUN) {
            reconcileScheduled(slot, schedule);
            return;
        }
        slot.disarmNextRun();
        switch (slot.desired()) {
            case RUN -> {
                String broken = slot.freshStartWanted() ? null : dependencies.brokenBinding(slot);
                if (broken != null && (slot.isLive() || slot.state() == WorkerState.BACKOFF)) {
                    slot.wantFreshStart();
                }
                if (slot.isLive()) {
                    if (slot.freshStartWanted() && !rolls.takes(slot)) {
                        beginStop(slot, broken != null ? "restarting: " + broken : "restarting");
                    }
                } else if (slot.freshStartWanted() || slot.state() == WorkerState.PENDING
                        || slot.state() == WorkerState.STOPPED && !slot.attempt().stoppedByItself()) {
                    // A worker that said stopped() on its own is no crash: it stays STOPPED until a
                    // restart or a re-run after a stop asks for it.
                    startWhenReady(slot);
                }
            }
            case STOP, REMOVE -> {
                slot.dueHandled(null); // runs it misses while stopped are no missed runs when it runs again
                boolean removed = slot.desired() == WorkerSlot.Desired.REMOVE;
                if (slot.isLive() || slot.hasLiveSide()) {
                    String reason = removed ? "removed from group '" + slot.group() + "'" : "group stopped";
                    beginStop(slot, reason);
                    rolls.stopSides(slot, reason);
                    return;
                }
                slot.cancelTimers();
                // A crash stays on record (it may have happened during this very stop); a pending
                // start is called off, and a FAILED worker taken out of service counts as stopped.
                WorkerState state = slot.state();
                if (state == WorkerState.PENDING || state == WorkerState.BACKOFF || state == WorkerState.FAILED) {
                    slot.transitionTo(WorkerState.STOPPED, removed ? "removed" : "group stopped");
                }
                if (removed) {
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
            start(slot, true);
            return;
        }
        slot.cancelTimers();
        slot.freshStartTaken();
        if (slot.state() != WorkerState.PENDING || !verdict.message().equals(slot.message())) {
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
        String reason = "unhealthy: " + slot.attempt().failedHealthChecks() + " health checks failed in a row (last: "
                + slot.health().message() + ")";
        slot.attempt().unhealthy(reason);
        beginStop(slot, reason);
    }

    /** @param newRun whether this attempt begins a run (its deadline counts from here), not continues one after a crash */
    private void start(WorkerSlot slot, boolean newRun) {
        startAttempt(slot, WorkerState.STARTING, null, newRun);
    }

    /**
     * @param message the first transition's message; null for "attempt N"
     * @param newRun  whether this attempt begins a run (its deadline counts from here), not continues one after a crash
     */
    private Attempt startAttempt(WorkerSlot slot, WorkerState first, String message, boolean newRun) {
        slot.cancelTimers();
        if (newRun) {
            beginRun(slot);
        }
        Attempt attempt = slot.beginAttempt(context.clock().instant(), dependencies.bindings(slot));
        context.logSink().attemptStarted(slot.group(), slot.id, attempt.number(), attempt.startedAt());
        slot.transitionTo(first, message != null ? message : "attempt " + attempt.number());
        launch(slot, attempt);
        return attempt;
    }

    /** Launches the attempt (the worker's current one, or a rolling update's successor) with its start timeout. */
    private void launch(WorkerSlot slot, Attempt attempt) {
        SlotCallbacks callbacks = new SlotCallbacks(this, slot, attempt, context, engineExecutor);
        WorkerLauncher launcher = Boolean.TRUE.equals(slot.options().foreign()) ? foreignLauncher : inProcessLauncher;
        LaunchRequest request = new LaunchRequest(slot.id, slot.group(), attempt.number(), slot.type(), slot.spec().params(),
                slot.options(), slot.instance() == null ? 0 : slot.instance());
        WorkerRun run;
        try {
            run = launcher.launch(request, callbacks);
        } catch (RuntimeException e) {
            // In flight until its exit, queued here, is handled like any other.
            run = NOT_LAUNCHED;
            callbacks.exited(RunExit.failed("could not launch: " + e));
        }
        attempt.launched(run);
        live++;
        Duration timeout = slot.options().startTimeout();
        attempt.schedule(Attempt.Timer.START, scheduler.schedule(timeout, () -> engineExecutor.execute(() -> {
            boolean notRunningYet = slot.attempt() == attempt ? slot.state() == WorkerState.STARTING : attempt.runningSince() == null;
            if (attempt.isLive() && notRunningYet && !attempt.stopRequested()) {
                attempt.run().kill("did not report running within " + Durations.format(timeout) + " (start timeout)");
            }
        })));
    }

    /** A run begins: its deadline, if it has one, counts from now over all its attempts. */
    private void beginRun(WorkerSlot slot) {
        Duration deadline = slot.options().deadline();
        int run = slot.beginRun();
        if (deadline != null) {
            slot.deadlineTimer(scheduler.schedule(deadline, () -> engineExecutor.execute(() -> deadlineReached(slot, run))));
        }
    }

    /** The run took longer than its deadline: a live attempt is stopped (and FAILED at its end), a waiting one FAILED now. */
    private void deadlineReached(WorkerSlot slot, int run) {
        if (!slot.isRun(run) || slot.desired() != WorkerSlot.Desired.RUN || shuttingDown || slots.get(slot.id) != slot) {
            return;
        }
        String reason = "deadline: the run took longer than " + Durations.format(slot.options().deadline())
                + " (over " + slot.attemptsInRun() + (slot.attemptsInRun() == 1 ? " attempt)" : " attempts)");
        slot.deadlinePassed(reason);
        if (slot.isLive()) {
            // A stop already under way (for memory, say) keeps its reason; the deadline still ends the run.
            slot.attempt().limitReached(CrashReason.DEADLINE, reason);
            beginStop(slot, reason);
        } else if (slot.state() == WorkerState.BACKOFF) {
            slot.cancelTimers();
            slot.crashReason(CrashReason.DEADLINE);
            slot.transitionTo(WorkerState.FAILED, reason + "; not restarted");
            slot.failResult("failed: " + reason);
        }
    }

    private void beginStop(WorkerSlot slot, String reason) {
        for (Attempt beside : slot.overlapping) {
            if (!beside.stopRequested()) {
                beside.requestStop();
                beside.run().stop(slot.options().stopTimeout());
            }
        }
        Attempt attempt = slot.attempt();
        if (!attempt.isLive() || attempt.stopRequested()) {
            return;
        }
        attempt.requestStop();
        attempt.cancel(Attempt.Timer.START);
        if (slot.state() != WorkerState.STOPPING) {
            slot.transitionTo(WorkerState.STOPPING, reason);
        }
        attempt.run().stop(slot.options().stopTimeout());
    }

    // --- what attempts report (via SlotCallbacks, on the engine thread) ---

    void onReport(WorkerSlot slot, Attempt attempt, StatusReport report) {
        if (slot.overlapping.contains(attempt) && report.status().isTerminal()) {
            attempt.reportedEnd(report); // a run beside the current one: only its end matters
            return;
        }
        if (slot.attempt() != attempt || !attempt.isLive()) {
            rolls.onSideReport(slot, attempt, report); // a rolling update's other attempt, or a late call (ignored)
            return;
        }
        StatusCall call = report.status();
        if (call.isTerminal()) {
            attempt.reportedEnd(report); // it takes effect at the exit, which the classifier judges by it
            return;
        }
        // Progress (starting, running, stopping) moves a live worker where the table lets it: a
        // running() while STOPPING, say, is only noted.
        WorkerState next = call.state();
        WorkerState current = slot.state();
        if (!current.canMoveTo(next)) {
            slot.note("ignored a " + next.name().toLowerCase() + "() call while " + current);
            return;
        }
        slot.transitionTo(next, report.message() == null ? next.name().toLowerCase() : report.message());
        if (next == WorkerState.RUNNING && attempt.runningSince() == null) {
            attempt.running(context.clock().instant());
            attempt.cancel(Attempt.Timer.START);
            health.watch(slot, attempt);
        }
    }

    /** A sample of the attempt's process tree is over its {@code maxMemory}: stop it; its end is a crash of reason memory. */
    void onOverMemory(WorkerSlot slot, Attempt attempt, ResourceUsage usage, ByteSize limit) {
        if (slot.attempt() != attempt || !attempt.isLive() || attempt.limit() != null) {
            return;
        }
        String reason = "memory: the process tree used " + ByteSize.describe(usage.memoryBytes()) + " ("
                + usage.processes() + (usage.processes() == 1 ? " process" : " processes") + "), over maxMemory "
                + limit.text() + " (" + ByteSize.describe(limit.bytes()) + ")";
        attempt.limitReached(CrashReason.MEMORY, reason);
        beginStop(slot, reason);
    }

    void onExit(WorkerSlot slot, Attempt attempt, RunExit exit) {
        if (slot.overlapping.remove(attempt)) {
            overlappingRunEnded(slot, attempt, exit);
            return;
        }
        if (slot.attempt() != attempt || !attempt.isLive()) {
            if (rolls.onSideExit(slot, attempt, exit)) {
                live--;
                reconcile(slot);
                if (shuttingDown && liveCount() == 0) {
                    drained.complete(null);
                }
            }
            return;
        }
        live--;
        ExitClassifier.Outcome outcome = ExitClassifier.classify(attempt.terminalReport(), exit, attempt.stopRequested(),
                attempt.limit(), attempt.limitReason());
        attempt.ended(context.clock().instant(), outcome);
        if (outcome.forced() && outcome.state() == WorkerState.STOPPED) {
            slot.note("refused to stop: " + outcome.message());
        }
        String message = exit.threadsLeft() == 0 ? outcome.message()
                : outcome.message() + " (" + exit.threadsLeft() + (exit.threadsLeft() == 1 ? " thread" : " threads")
                + " it started still running)";
        slot.transitionTo(outcome.state(), message, outcome.crashReason());
        if (outcome.state() == WorkerState.COMPLETED) {
            JsonNode result = attempt.terminalReport().result();
            slot.completed(result);
            context.journal().append(new ResultEvent(0, attempt.endedAt(), slot.group(), slot.id, attempt.number(), result));
            if (slot.desired() != WorkerSlot.Desired.REMOVE) {
                declarations.publishDesiredState();
            }
        }
        if (slot.successor() != null && slot.desired() == WorkerSlot.Desired.RUN && !shuttingDown) {
            rolls.currentEndedDuringSurge(slot); // the attempt that was to replace it is there already
        } else if (slot.desired() == WorkerSlot.Desired.RUN && !slot.freshStartWanted() && !shuttingDown
                && slot.runSchedule() == null) {
            // A scheduled worker's run is not restarted: its next run is at the next due time.
            applyRestartPolicy(slot, attempt, outcome, exit);
        }
        reconcile(slot);
        if (shuttingDown && liveCount() == 0) {
            drained.complete(null);
        }
    }

    private void applyRestartPolicy(WorkerSlot slot, Attempt ended, ExitClassifier.Outcome crash, RunExit exit) {
        WorkerOptions options = slot.options();
        RestartPolicy policy = options.restart();
        WorkerState outcome = crash.state();
        if (outcome == WorkerState.CRASHED) {
            String beyondRepair = slot.deadlinePassed() != null && crash.restartable()
                    ? slot.deadlinePassed() + "; not restarted (the attempt ended: " + crash.message() + ")"
                    : beyondRepair(options, crash, exit);
            if (beyondRepair != null) {
                slot.transitionTo(WorkerState.FAILED, beyondRepair);
                slot.failResult("failed: " + beyondRepair);
                return;
            }
            if (policy == RestartPolicy.NEVER) {
                slot.failResult("crashed and its restart policy is never: " + slot.message());
                return;
            }
            RestartTracker.Decision decision = slot.restartTracker.afterCrash(
                    context.clock().instant(), ended.runningSince(), options, random);
            if (decision.givesUp()) {
                slot.transitionTo(WorkerState.FAILED, "crashed " + decision.crashesInWindow() + " times within "
                        + Durations.format(options.restartWindow()) + "; giving up (last crash: " + slot.message() + ")");
                slot.failResult("failed: " + slot.message());
                return;
            }
            backOff(slot, ended, decision.delay());
        } else if (policy == RestartPolicy.ALWAYS && outcome == WorkerState.COMPLETED) {
            backOff(slot, ended, slot.restartTracker.afterCleanExit(context.clock().instant(), ended.runningSince(), options,
                    random).delay());
        } else if (policy == RestartPolicy.ALWAYS && ended.stoppedByItself()) {
            // The table has no STOPPED -> BACKOFF, and a stop of its own is no crash.
            slot.note("not restarted: the worker stopped on its own, and restart policy always restarts after a"
                    + " completion or a crash");
        }
    }

    /**
     * Why a crash is one no restart mends, or null: the worker said {@code failed()}, its deadline passed,
     * or its child exited (unforced) with one of its {@code noRestartExitCodes}.
     */
    private static String beyondRepair(WorkerOptions options, ExitClassifier.Outcome crash, RunExit exit) {
        if (crash.crashReason() == CrashReason.FAILED) {
            return "failed: " + crash.message() + "; not restarted";
        }
        if (!crash.restartable()) {
            return crash.message() + "; not restarted";
        }
        Integer code = exit.exitCode();
        if (code != null && !exit.forced() && options.noRestartExitCodes() != null
                && options.noRestartExitCodes().contains(code)) {
            return "exit code " + code + " is one of noRestartExitCodes " + options.noRestartExitCodes() + "; not restarted ("
                    + crash.message() + ")";
        }
        return null;
    }

    private void backOff(WorkerSlot slot, Attempt ended, Duration delay) {
        boolean newRun = ended.endedAfterCompletion();
        slot.transitionTo(WorkerState.BACKOFF, delay.isZero() ? "restarting now" : "restarting in " + Durations.format(delay));
        if (delay.isZero()) {
            start(slot, newRun);
            return;
        }
        ended.schedule(Attempt.Timer.RESTART, scheduler.schedule(delay, () -> engineExecutor.execute(() -> {
            if (slot.attempt() == ended && slot.state() == WorkerState.BACKOFF && slot.desired() == WorkerSlot.Desired.RUN
                    && !shuttingDown) {
                ended.fired(Attempt.Timer.RESTART);
                start(slot, newRun);
            }
        })));
    }

    // --- schedules: a scheduled worker runs at its due times instead of being kept alive ---

    /**
     * A scheduled worker: its next due time is armed; a run starts when one is wanted now (a due
     * time came, a restart, a missed run); a changed declaration stops a run under way and keeps to
     * the new schedule. Level-based like the rest: running it twice arms and starts nothing twice.
     */
    private void reconcileScheduled(WorkerSlot slot, RunSchedule schedule) {
        armNextRun(slot, schedule);
        if (slot.isLive()) {
            if (slot.freshStartWanted() && !slot.runNowWanted()) {
                beginStop(slot, "its declaration changed");
            } else if (slot.freshStartWanted()) {
                beginStop(slot, slot.runDueAt() == null ? "restarting" : "replaced by the run due at "
                        + schedule.describe(slot.runDueAt()) + " (overlap: replace)");
            }
            return;
        }
        if (!slot.runNowWanted()) {
            slot.freshStartTaken();
            String waiting = "next run at " + schedule.describe(slot.nextRunAt());
            if (slot.state() == WorkerState.BACKOFF) {
                slot.cancelTimers(); // kept alive until now: its restart is called off, the schedule takes over
                slot.transitionTo(WorkerState.PENDING, waiting);
            } else if (slot.state() == WorkerState.PENDING && !waiting.equals(slot.message())) {
                slot.transitionTo(WorkerState.PENDING, waiting);
            }
            return;
        }
        Instant due = slot.runDueAt();
        DependencyGate.Verdict verdict = dependencies.check(slot);
        if (!verdict.met()) {
            slot.want(WorkerSlot.Desired.RUN);
            slot.freshStartTaken();
            slot.runNowTaken();
            scheduleEvent(slot, "skipped", due, "the run is skipped: " + verdict.message());
            return;
        }
        Attempt attempt = startAttempt(slot, WorkerState.STARTING, due == null ? null : "run due at " + schedule.describe(due),
                true);
        scheduleEvent(slot, "started", due, "run " + attempt.number() + " started" + (due == null ? " on request" : ""));
    }

    /** Arms the next due time unless one is armed; first judges the due times that passed unwatched (missed runs). */
    private void armNextRun(WorkerSlot slot, RunSchedule schedule) {
        if (slot.nextRunArmed() || shuttingDown) {
            return;
        }
        Instant now = context.clock().instant();
        Instant anchor = slot.lastDueAt() != null ? slot.lastDueAt() : now;
        Instant missedDue = slot.lastDueAt() == null ? null : schedule.next(anchor, anchor);
        Instant next = schedule.next(anchor, now);
        if (missedDue != null && !missedDue.isAfter(now)) {
            Instant latest = schedule.latestDue(anchor, now);
            slot.dueHandled(latest);
            if (schedule.spec().missedPolicy() == WorkerSchedule.Missed.RUN_ONCE) {
                slot.wantRunNow(latest);
                scheduleEvent(slot, "missed-run", latest, "runs came due while the manager was not running (first at "
                        + schedule.describe(missedDue) + "): running once now (missed: run-once)");
            } else {
                scheduleEvent(slot, "missed-skipped", latest, "runs came due while the manager was not running (first at "
                        + schedule.describe(missedDue) + "): skipped (missed: skip)");
            }
            declarations.publishDesiredState();
        }
        if (next == null) {
            slot.note("its schedule (" + schedule + ") has no further due time");
            return;
        }
        Duration delay = Duration.between(now, next);
        slot.armNextRun(next, scheduler.schedule(delay.isNegative() ? Duration.ZERO : delay,
                () -> engineExecutor.execute(() -> dueTimeCame(slot, next))));
    }

    private void dueTimeCame(WorkerSlot slot, Instant due) {
        if (shuttingDown || slots.get(slot.id) != slot || !due.equals(slot.nextRunAt()) || slot.desired() != WorkerSlot.Desired.RUN) {
            return; // disarmed, re-declared or stopped meanwhile
        }
        RunSchedule schedule = slot.runSchedule();
        slot.disarmNextRun();
        slot.dueHandled(due);
        if (schedule != null) {
            armNextRun(slot, schedule); // first, so that what follows can say when the next run is
        }
        if (schedule != null && slot.isLive()) {
            Attempt running = slot.attempt();
            switch (schedule.spec().overlapPolicy()) {
                case FORBID -> scheduleEvent(slot, "skipped", due, "the run due at " + schedule.describe(due)
                        + " is skipped: run " + running.number() + " is still going on (overlap: forbid)");
                case REPLACE -> {
                    scheduleEvent(slot, "replaced", due, "run " + running.number() + " is stopped for the run due at "
                            + schedule.describe(due) + " (overlap: replace)");
                    slot.wantRunNow(due);
                }
                case ALLOW -> startBeside(slot, schedule, due);
            }
        } else if (schedule != null) {
            slot.wantRunNow(due);
        }
        declarations.publishDesiredState(); // the due time handled, for missed runs after a restart
        reconcile(slot);
    }

    /** Overlap allow: a new run while the current one goes on; the worker's state follows the newest run. */
    private void startBeside(WorkerSlot slot, RunSchedule schedule, Instant due) {
        Attempt previous = slot.attempt();
        if (slot.state() != WorkerState.RUNNING && slot.state() != WorkerState.STARTING || previous.stopRequested()) {
            scheduleEvent(slot, "skipped", due, "the run due at " + schedule.describe(due) + " is skipped: run "
                    + previous.number() + " is " + slot.state());
            return;
        }
        slot.overlapping.add(previous);
        Attempt attempt = startAttempt(slot, slot.state(), "run " + (previous.number() + 1) + " due at " + schedule.describe(due)
                + " started beside run " + previous.number() + " (overlap: allow)", true);
        scheduleEvent(slot, "started", due, "run " + attempt.number() + " started beside run " + previous.number());
    }

    /** A run that went on beside a newer one ended: noted, its result published; it moves no state. */
    private void overlappingRunEnded(WorkerSlot slot, Attempt attempt, RunExit exit) {
        live--;
        ExitClassifier.Outcome outcome = ExitClassifier.classify(attempt.terminalReport(), exit, attempt.stopRequested(),
                attempt.limit(), attempt.limitReason());
        attempt.ended(context.clock().instant(), outcome);
        slot.note("run " + attempt.number() + " (beside run " + slot.attempt().number() + ") ended " + outcome.state() + ": "
                + outcome.message());
        if (outcome.state() == WorkerState.COMPLETED) {
            context.journal().append(new ResultEvent(0, attempt.endedAt(), slot.group(), slot.id, attempt.number(),
                    attempt.terminalReport().result()));
        }
        if (shuttingDown && liveCount() == 0) {
            drained.complete(null);
        }
    }

    private void scheduleEvent(WorkerSlot slot, String outcome, Instant due, String message) {
        if (outcome.startsWith("missed")) {
            slot.note(message); // in the worker's log too: what happened while the host was down is worth keeping
        }
        context.journal().append(new ScheduleEvent(0, context.clock().instant(), slot.group(), slot.id,
                slot.attempt().number(), outcome, due, slot.nextRunAt(), message));
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
        slots.values().forEach(WorkerSlot::disarmNextRun);
        slots.values().forEach(slot -> beginStop(slot, "the manager is shutting down"));
        slots.values().forEach(slot -> rolls.stopSides(slot, "the manager is shutting down"));
        if (liveCount() == 0) {
            drained.complete(null);
        }
        return drained;
    }

    int liveCount() {
        return live;
    }

    /** The run of an attempt whose launcher threw: nothing to stop or kill, its exit is queued already. */
    private static final WorkerRun NOT_LAUNCHED = new WorkerRun() {
        @Override
        public Long pid() {
            return null;
        }

        @Override
        public void stop(Duration timeout) {
        }

        @Override
        public void kill(String reason) {
        }
    };

    /** The groups and specs: declaring, removing, stopping, nuking, and reading them. */
    Declarations declarations() {
        return declarations;
    }
}
