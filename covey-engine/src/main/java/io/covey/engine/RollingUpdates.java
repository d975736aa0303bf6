package io.covey.engine;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;

import io.covey.core.event.GroupEvent;
import io.covey.core.json.Durations;
import io.covey.core.lifecycle.WorkerState;
import io.covey.core.worker.CoveyWorker;
import io.covey.core.worker.StatusCall;
import io.covey.core.worker.WorkerHealth;
import io.covey.engine.launch.RunExit;
import io.covey.engine.launch.StatusReport;

/**
 * {@code update: rolling}: a worker whose declaration changed while it runs gets its new attempt
 * started beside the old one; once the new attempt is RUNNING (and, when its type has a health
 * check, has answered one healthy) it takes over and the old one is stopped. The instances of a
 * spec roll one at a time (a surge of one): the next starts once the previous old attempt is gone.
 * A new attempt that ends before it takes over, does not report running within its start
 * timeout, or fails {@code healthFailures} checks in a row stops the roll: the old attempts keep
 * running, and those not reached keep their old attempt too. Each step is a {@code group} event
 * of change {@code rolling} whose message says where the roll stands. Engine thread only.
 */
final class RollingUpdates {
    /** What the engine does for a roll: launch an attempt, reconcile a worker, and start health checks. */
    interface Engine {
        void launch(WorkerSlot slot, Attempt attempt);

        void reconcile(WorkerSlot slot);

        void watchHealth(WorkerSlot slot, Attempt attempt);

        Map<String, Integer> bindings(WorkerSlot slot);

        /** The worker with this id, or null when it is gone. */
        WorkerSlot slot(String id);
    }

    /** One spec's roll: its workers in the order they asked, how far it got. */
    private static final class Roll {
        final String group;
        final Set<String> queued = new LinkedHashSet<>();
        final List<String> replaced = new ArrayList<>();
        String active;
        /** Its first step is queued on the engine thread. */
        boolean starting;

        Roll(String group) {
            this.group = group;
        }

        int total() {
            return replaced.size() + queued.size() + (active == null ? 0 : 1);
        }
    }

    private final EngineContext context;
    private final Scheduler scheduler;
    private final Executor engineExecutor;
    private final Engine engine;
    private final Map<String, Roll> rolls = new HashMap<>();

    RollingUpdates(EngineContext context, Scheduler scheduler, Executor engineExecutor, Engine engine) {
        this.context = context;
        this.scheduler = scheduler;
        this.engineExecutor = engineExecutor;
        this.engine = engine;
    }

    /**
     * Whether the roll takes care of the live worker's wanted fresh start: a rolling replacement of
     * a RUNNING attempt (started now or when its turn comes), or a worker whose roll is under way.
     * False: the engine stops the attempt and starts the next one as usual (recreate).
     */
    boolean takes(WorkerSlot slot) {
        if (slot.successor() != null || slot.retiring() != null) {
            return slot.rollWanted(); // another change while it rolls: once this step is over
        }
        if (!slot.rollWanted() || slot.state() != WorkerState.RUNNING || slot.attempt().stopRequested()) {
            return false; // nothing serving to keep: recreate
        }
        Roll roll = rolls.computeIfAbsent(familyOf(slot), key -> new Roll(slot.group()));
        if (!slot.id.equals(roll.active)) {
            roll.queued.add(slot.id);
        }
        if (roll.active == null && !roll.starting) {
            // After the declaration that asked for it, so every instance it changed has joined the roll first.
            roll.starting = true;
            engineExecutor.execute(() -> {
                roll.starting = false;
                if (roll.active == null && rolls.get(familyOf(slot)) == roll) {
                    next(roll);
                }
            });
        }
        return true;
    }

    private void begin(Roll roll, WorkerSlot slot) {
        roll.active = slot.id;
        int before = slot.attempt().number();
        SideAttempt successor = slot.beginSuccessor(context.clock().instant(), engine.bindings(slot));
        slot.transitionSide(successor, WorkerState.STARTING, "attempt " + successor.attempt.number() + ", beside attempt "
                + before + " (rolling update)", null);
        tell(roll, slot.id, "rolling " + slot.id + " (" + (roll.replaced.size() + 1) + " of " + roll.total()
                + "): starting attempt " + successor.attempt.number() + " beside attempt " + before);
        engine.launch(slot, successor.attempt);
    }

    /** A status call of an attempt that is not the worker's current one: a side attempt's, or a late one (ignored). */
    void onSideReport(WorkerSlot slot, Attempt attempt, StatusReport report) {
        SideAttempt side = sideOf(slot, attempt);
        if (side == null) {
            return;
        }
        StatusCall call = report.status();
        if (call.isTerminal()) {
            attempt.reportedEnd(report);
            return;
        }
        WorkerState next = call.state();
        if (!side.state.canMoveTo(next)) {
            slot.note("ignored a " + next.name().toLowerCase() + "() call of attempt " + attempt.number() + " while " + side.state);
            return;
        }
        slot.transitionSide(side, next, report.message() == null ? next.name().toLowerCase() : report.message(), null);
        if (next == WorkerState.RUNNING && side.role == SideAttempt.Role.SUCCESSOR && attempt.runningSince() == null) {
            attempt.running(context.clock().instant());
            attempt.cancel(Attempt.Timer.START);
            if (CoveyWorker.definesHealthCheck(slot.type().workerClass())) {
                checkHealth(slot, side, 0);
            } else {
                takeOver(slot, side);
            }
        }
    }

    /** A side attempt's run ended; false when {@code attempt} is none of the worker's side attempts. */
    boolean onSideExit(WorkerSlot slot, Attempt attempt, RunExit exit) {
        SideAttempt side = sideOf(slot, attempt);
        if (side == null) {
            return false;
        }
        ExitClassifier.Outcome outcome = ExitClassifier.classify(attempt.terminalReport(), exit, attempt.stopRequested(),
                attempt.unhealthy());
        attempt.ended(context.clock().instant(), outcome);
        slot.transitionSide(side, outcome.state(), outcome.message(), outcome.crashReason());
        slot.sideEnded(side);
        Roll roll = rolls.get(familyOf(slot));
        if (side.role == SideAttempt.Role.RETIRING) {
            if (roll != null && slot.id.equals(roll.active)) {
                roll.active = null;
                roll.replaced.add(slot.id);
                next(roll);
            }
        } else if (!attempt.stopRequested() || attempt.unhealthy() != null) {
            failed(slot, roll, "attempt " + attempt.number() + " " + (attempt.unhealthy() != null ? attempt.unhealthy()
                    : outcome.state().name().toLowerCase() + ": " + outcome.message()));
        } else if (roll != null && slot.id.equals(roll.active)) {
            roll.active = null; // stopped because the worker is no longer wanted: the roll goes on without it
            next(roll);
        }
        return true;
    }

    /**
     * The current attempt ended while its successor was starting: the successor is the worker's
     * attempt from now on (nothing is left to keep serving), and the roll goes on with the next one.
     */
    void currentEndedDuringSurge(WorkerSlot slot) {
        SideAttempt successor = slot.successor();
        slot.adoptSuccessor();
        slot.note("attempt " + successor.attempt.number() + " takes over: the attempt it was to replace ended first");
        if (slot.state() == WorkerState.RUNNING) {
            engine.watchHealth(slot, successor.attempt); // else its running() will start the checks
        }
        Roll roll = rolls.get(familyOf(slot));
        if (roll != null && slot.id.equals(roll.active)) {
            roll.active = null;
            roll.replaced.add(slot.id);
            next(roll);
        }
    }

    /** The worker is no longer wanted running: its side attempts are stopped too. */
    void stopSides(WorkerSlot slot, String reason) {
        for (SideAttempt side : new SideAttempt[] {slot.successor(), slot.retiring()}) {
            if (side != null && side.attempt.isLive() && !side.attempt.stopRequested()) {
                side.attempt.requestStop();
                side.attempt.cancel(Attempt.Timer.START);
                if (side.state != WorkerState.STOPPING) {
                    slot.transitionSide(side, WorkerState.STOPPING, reason, null);
                }
                side.attempt.run().stop(slot.options().stopTimeout());
            }
        }
    }

    private void checkHealth(WorkerSlot slot, SideAttempt side, int failuresSoFar) {
        Duration timeout = slot.options().healthTimeout();
        CompletableFuture<WorkerHealth> answer = side.attempt.run().checkHealth();
        Scheduler.Cancellable deadline = scheduler.schedule(timeout, () -> answer.complete(
                WorkerHealth.unhealthy("the health check did not answer within " + Durations.format(timeout))));
        answer.whenComplete((health, error) -> {
            deadline.cancel();
            WorkerHealth result = error != null ? WorkerHealth.unhealthy("the health check failed: " + error)
                    : health == null ? WorkerHealth.ok() : health;
            engineExecutor.execute(() -> healthAnswered(slot, side, result, failuresSoFar));
        });
    }

    private void healthAnswered(WorkerSlot slot, SideAttempt side, WorkerHealth result, int failuresSoFar) {
        if (slot.successor() != side || !side.attempt.isLive() || side.attempt.stopRequested()) {
            return;
        }
        if (result.healthy()) {
            takeOver(slot, side);
            return;
        }
        int failures = failuresSoFar + 1;
        if (failures >= slot.options().healthFailures()) {
            side.attempt.unhealthy("unhealthy: " + failures + " health checks failed in a row before it could take over (last: "
                    + result.message() + ")");
            side.attempt.requestStop();
            slot.transitionSide(side, WorkerState.STOPPING, side.attempt.unhealthy(), null);
            side.attempt.run().stop(slot.options().stopTimeout());
            return;
        }
        side.attempt.schedule(Attempt.Timer.HEALTH, scheduler.schedule(slot.options().healthInterval(),
                () -> engineExecutor.execute(() -> {
                    side.attempt.fired(Attempt.Timer.HEALTH);
                    if (slot.successor() == side && side.attempt.isLive() && !side.attempt.stopRequested()) {
                        checkHealth(slot, side, failures);
                    }
                })));
    }

    /** The successor runs (and is healthy): it takes over, and the attempt it replaces is stopped. */
    private void takeOver(WorkerSlot slot, SideAttempt successor) {
        SideAttempt retiring = slot.adoptSuccessor();
        engine.watchHealth(slot, successor.attempt);
        Roll roll = rolls.get(familyOf(slot));
        if (retiring == null) {
            return;
        }
        retiring.attempt.requestStop();
        retiring.attempt.cancel(Attempt.Timer.HEALTH);
        slot.transitionSide(retiring, WorkerState.STOPPING, "replaced by attempt " + successor.attempt.number()
                + " (rolling update)", null);
        if (roll != null) {
            tell(roll, slot.id, "rolling " + slot.id + " (" + (roll.replaced.size() + 1) + " of " + roll.total() + "): attempt "
                    + successor.attempt.number() + " took over, stopping attempt " + retiring.attempt.number());
        }
        retiring.attempt.run().stop(slot.options().stopTimeout());
    }

    /** The next worker of the roll whose turn it is, or the end of the roll. */
    private void next(Roll roll) {
        while (!roll.queued.isEmpty()) {
            String id = roll.queued.iterator().next();
            roll.queued.remove(id);
            WorkerSlot slot = engine.slot(id);
            if (slot != null && slot.rollWanted() && slot.state() == WorkerState.RUNNING && slot.isLive()
                    && !slot.attempt().stopRequested() && slot.successor() == null && slot.retiring() == null) {
                begin(roll, slot);
                return;
            }
            if (slot != null) {
                engine.reconcile(slot); // its turn came, but nothing of it serves any more: the usual way
            }
        }
        rolls.values().remove(roll);
        tell(roll, null, "rolling update done: " + roll.replaced.size() + " of " + roll.total() + " replaced ("
                + String.join(", ", roll.replaced) + ")");
    }

    private void failed(WorkerSlot slot, Roll roll, String why) {
        slot.callOffReplacement();
        if (roll == null) {
            return;
        }
        rolls.values().remove(roll);
        List<String> notReached = new ArrayList<>(roll.queued);
        for (String id : notReached) {
            WorkerSlot other = engine.slot(id);
            if (other != null) {
                other.callOffReplacement();
            }
        }
        tell(roll, slot.id, "rolling update stopped at " + slot.id + " (" + (roll.replaced.size() + 1) + " of " + roll.total()
                + "): " + why + "; attempt " + slot.attempt().number() + " keeps running"
                + (roll.replaced.isEmpty() ? "" : "; replaced: " + String.join(", ", roll.replaced))
                + (notReached.isEmpty() ? "" : "; not replaced: " + String.join(", ", notReached)));
    }

    private void tell(Roll roll, String id, String message) {
        context.journal().append(new GroupEvent(0, context.clock().instant(), roll.group, "rolling",
                id == null ? List.of() : List.of(id), List.of(), message));
    }

    private static SideAttempt sideOf(WorkerSlot slot, Attempt attempt) {
        for (SideAttempt side : new SideAttempt[] {slot.successor(), slot.retiring()}) {
            if (side != null && side.attempt == attempt && attempt.isLive()) {
                return side;
            }
        }
        return null;
    }

    /** The instances of one spec roll together: its group and id; a worker without instances is a family of one. */
    private static String familyOf(WorkerSlot slot) {
        return slot.group() + "/" + (slot.instance() != null ? slot.spec().effectiveId() + "/*" : slot.id);
    }
}
