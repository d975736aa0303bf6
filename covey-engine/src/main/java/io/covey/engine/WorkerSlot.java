package io.covey.engine;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;

import io.covey.core.api.HealthStatus;
import io.covey.core.api.LogLine;
import io.covey.core.api.WorkerEndedException;
import io.covey.core.api.WorkerStatus;
import io.covey.core.event.LifecycleEvent;
import io.covey.core.event.LogEvent;
import io.covey.core.lifecycle.CrashReason;
import io.covey.core.lifecycle.WorkerState;
import io.covey.core.manifest.WorkerType;
import io.covey.core.spec.WorkerOptions;
import io.covey.core.spec.WorkerSchedule;
import io.covey.core.spec.WorkerSpec;
import tools.jackson.databind.JsonNode;

/**
 * Everything the engine knows about one worker id: what is wanted (its {@link Declared}
 * declaration and the {@link Desired} wish) and what is observed (its state and its current
 * {@link Attempt}, which each start replaces). Touched only on the engine thread, except the log
 * buffer. Every state change, a worker's first state included, goes through {@link #transitionTo}.
 */
final class WorkerSlot {
    enum Desired { RUN, STOP, REMOVE }

    /**
     * A worker's declaration as the engine runs it: its group, spec, type and options with every
     * default filled in, and which of the spec's instances it is (null for a spec without them).
     */
    record Declared(String group, WorkerSpec spec, WorkerType type, WorkerOptions options, Integer instance) {
    }

    final String id;
    final LogBuffer logs;
    final RestartTracker restartTracker = new RestartTracker();
    /** Shared by the worker's attempts, so a restart does not refill it. */
    final EventRateLimit rateLimit;
    private final EngineContext context;
    private final Consumer<WorkerSlot> stateChanged;

    private Declared declared;
    private Desired desired = Desired.RUN;
    /** Start a new attempt regardless of how the last one ended (manual restart, new spec, re-run). */
    private boolean freshStartWanted;

    /** Null until the first transition. */
    private WorkerState state;
    private String message;
    private Attempt attempt = Attempt.none();
    private JsonNode result;
    private CompletableFuture<JsonNode> resultFuture = new CompletableFuture<>();
    /** The last health check (of any attempt), or null. */
    private HealthStatus health;
    /** The fresh start wanted is a rolling replacement (see {@link RollingUpdates}). */
    private boolean rollWanted;
    /** The highest attempt number begun: a rolling update's successor that failed used one too. */
    private int highestAttempt;
    /** During a rolling update: the new attempt starting beside the current one; else null. */
    private SideAttempt successor;
    /** After a rolling handover: the old attempt, being stopped; else null. */
    private SideAttempt retiring;
    /** Counts runs (a first start, a restart, a re-run: not an attempt after a crash), so a stale deadline knows it. */
    private int run;
    private int attemptsInRun;
    private Scheduler.Cancellable deadline;
    /** Why the last attempt crashed (or the deadline that failed the worker between attempts), or null. */
    private CrashReason crashReason;
    /** Why the current run's deadline passed, or null: no attempt of it is restarted any more. */
    private String deadlinePassed;
    // --- a scheduled worker's schedule (see Engine's "schedules"); all null for a worker kept alive ---
    private RunSchedule runSchedule;
    /** The due time the timer is armed for, and the timer; null while none is armed. */
    private Instant nextRunAt;
    private Scheduler.Cancellable nextRunTimer;
    /** The last due time the schedule handled (ran, skipped or replaced at): what a restart counts missed runs from. */
    private Instant lastDueAt;
    /** A run is wanted now, not at the next due time: a manual restart, a missed run, a replacing run. */
    private boolean runNowWanted;
    private Instant runDueAt;
    /** Runs still going on beside the current attempt (overlap allow); their ends are noted, not transitions. */
    final List<Attempt> overlapping = new ArrayList<>();

    /** @param stateChanged told after every transition that changed the state (not the message alone, not the first state) */
    WorkerSlot(String id, Declared declared, EngineContext context, Consumer<WorkerSlot> stateChanged) {
        this.id = id;
        this.declared = declared;
        this.context = context;
        this.stateChanged = stateChanged;
        this.logs = new LogBuffer(context.settings().logLinesPerWorker(), context.settings().logCharsPerWorker());
        this.rateLimit = new EventRateLimit(context.eventLimits(), context.nanos());
    }

    /**
     * The funnel: checks the transition table (for the first state, that it is one a worker may
     * begin in), stamps the time, publishes the event.
     */
    void transitionTo(WorkerState next, String newMessage) {
        transitionTo(next, newMessage, null);
    }

    /** @param crashReason why, for a move to CRASHED (a metric tag downstream); else null */
    void transitionTo(WorkerState next, String newMessage, CrashReason crashReason) {
        WorkerState previous = state;
        if (previous == null) {
            WorkerState.requireFirst(next);
        } else {
            previous.requireMoveTo(next);
        }
        state = next;
        message = newMessage;
        if (next == WorkerState.CRASHED) {
            this.crashReason = crashReason;
        }
        if (WorkerState.SETTLED_STATES.contains(next)) {
            cancelDeadline(); // the run is over
        }
        context.journal().append(new LifecycleEvent(0, context.clock().instant(), group(), id, attempt.number(), next,
                newMessage, next == WorkerState.STOPPED && attempt.forced(), spec().type(),
                next == WorkerState.CRASHED ? crashReason : null));
        if (previous != null && previous != next) {
            stateChanged.accept(this);
        }
    }

    /**
     * The funnel for an attempt live beside the current one (a rolling update's successor or
     * retiring attempt): the same table, checked against that attempt's own states (a successor
     * begins in STARTING), the same event, under its own attempt number; the worker's state, its
     * current attempt's, is left alone.
     */
    void transitionSide(SideAttempt side, WorkerState next, String newMessage, CrashReason crashReason) {
        if (side.state == null) {
            if (next != WorkerState.STARTING) {
                throw new IllegalArgumentException("an attempt beside the current one begins in STARTING, not " + next);
            }
        } else {
            side.state.requireMoveTo(next);
        }
        side.state = next;
        side.message = newMessage;
        context.journal().append(new LifecycleEvent(0, context.clock().instant(), group(), id, side.attempt.number(), next,
                newMessage, next == WorkerState.STOPPED && side.attempt.forced(), spec().type(),
                next == WorkerState.CRASHED ? crashReason : null));
    }

    void note(String line) {
        LogLine logLine = new LogLine(context.clock().instant(), attempt.number(), "covey", line);
        logs.add(logLine);
        context.logSink().line(group(), id, logLine);
        context.journal().append(new LogEvent(0, logLine.time(), group(), id, attempt.number(), "covey", line));
    }

    // --- what is wanted ---

    String group() {
        return declared.group();
    }

    WorkerSpec spec() {
        return declared.spec();
    }

    WorkerType type() {
        return declared.type();
    }

    WorkerOptions options() {
        return declared.options();
    }

    /** Which of its spec's instances this worker is, or null for a spec without instances. */
    Integer instance() {
        return declared.instance();
    }

    /** A new declaration replaces the old one as a whole. */
    void declare(Declared declaration) {
        declared = declaration;
    }

    Desired desired() {
        return desired;
    }

    /** Records a wish; any but RUN calls off a fresh start that was wanted. */
    void want(Desired wish) {
        desired = wish;
        if (wish != Desired.RUN) {
            freshStartWanted = false;
            rollWanted = false;
            runNowWanted = false;
        }
    }

    /** Run, with a new attempt regardless of how the last one ended (the old one stopped first). */
    void wantFreshStart() {
        desired = Desired.RUN;
        freshStartWanted = true;
        rollWanted = false;
    }

    /** Run, with a new attempt started beside a running one, which is stopped once the new one runs. */
    void wantRollingReplacement() {
        desired = Desired.RUN;
        freshStartWanted = true;
        rollWanted = true;
    }

    /** Whether the fresh start wanted is a rolling replacement. */
    boolean rollWanted() {
        return freshStartWanted && rollWanted;
    }

    /** A rolling replacement that failed or was not reached: the current attempt keeps running. */
    void callOffReplacement() {
        freshStartWanted = false;
        rollWanted = false;
    }

    boolean freshStartWanted() {
        return freshStartWanted;
    }

    // --- what is observed ---

    WorkerState state() {
        return state;
    }

    String message() {
        return message;
    }

    /** The current attempt, or {@link Attempt#none()} before the first one. */
    Attempt attempt() {
        return attempt;
    }

    boolean isLive() {
        return attempt.isLive();
    }

    SideAttempt successor() {
        return successor;
    }

    SideAttempt retiring() {
        return retiring;
    }

    /** Whether an attempt beside the current one is live (a rolling update's successor or retiring attempt). */
    boolean hasLiveSide() {
        return successor != null && successor.attempt.isLive() || retiring != null && retiring.attempt.isLive();
    }

    /** Starts a successor: the attempt after the current one, live beside it until it takes over. */
    SideAttempt beginSuccessor(Instant now, Map<String, Integer> bindings) {
        successor = new SideAttempt(Attempt.numbered(++highestAttempt, now, bindings), SideAttempt.Role.SUCCESSOR, null);
        freshStartWanted = false; // a change declared from now on wants yet another replacement
        rollWanted = false;
        return successor;
    }

    /**
     * The successor takes over: it is the current attempt from now on, in the state it reached
     * (its own events told it already), and the attempt it replaces becomes the retiring one.
     * Returns the retiring attempt, or null when the old one had ended (it is then simply gone).
     */
    SideAttempt adoptSuccessor() {
        SideAttempt taking = successor;
        successor = null;
        retiring = attempt.isLive() ? new SideAttempt(attempt, SideAttempt.Role.RETIRING, state) : null;
        attempt = taking.attempt;
        state = taking.state;
        message = taking.message;
        if (resultFuture.isDone()) {
            resultFuture = new CompletableFuture<>();
        }
        return retiring;
    }

    /** The side attempt ended: forgotten. */
    void sideEnded(SideAttempt side) {
        if (successor == side) {
            successor = null;
        }
        if (retiring == side) {
            retiring = null;
        }
    }

    /** A new run begins (its deadline, if any, is set next); returns its number. */
    int beginRun() {
        cancelDeadline();
        attemptsInRun = 0;
        deadlinePassed = null;
        return ++run;
    }

    boolean isRun(int number) {
        return run == number && deadline != null;
    }

    String deadlinePassed() {
        return deadlinePassed;
    }

    void deadlinePassed(String reason) {
        deadlinePassed = reason;
    }

    /** The worker ends for a reason no attempt crashed of (a deadline passed between attempts). */
    void crashReason(CrashReason reason) {
        crashReason = reason;
    }

    int attemptsInRun() {
        return attemptsInRun;
    }

    void deadlineTimer(Scheduler.Cancellable timer) {
        deadline = timer;
    }

    void cancelDeadline() {
        if (deadline != null) {
            deadline.cancel();
            deadline = null;
        }
    }

    /** Replaces the attempt with the next one, takes the fresh start, and renews a result future already settled. */
    Attempt beginAttempt(Instant now, Map<String, Integer> bindings) {
        attemptsInRun++;
        attempt = Attempt.numbered(++highestAttempt, now, bindings);
        freshStartWanted = false;
        rollWanted = false;
        runNowWanted = false;
        runDueAt = null;
        if (resultFuture.isDone()) {
            resultFuture = new CompletableFuture<>();
        }
        return attempt;
    }

    /** A start that waits (for its dependencies) is no longer wanted as a fresh one: the wait is what it gets. */
    void freshStartTaken() {
        freshStartWanted = false;
    }

    void cancelTimers() {
        attempt.cancelTimers();
    }

    JsonNode result() {
        return result;
    }

    /** The worker completed with {@code value} (or was restored so): kept, and told to whoever waits for it. */
    void completed(JsonNode value) {
        result = value;
        resultFuture.complete(value);
    }

    void failResult(String why) {
        resultFuture.completeExceptionally(new WorkerEndedException("worker '" + id + "' " + why));
    }

    /** The result, or a future of it; a copy, so a caller cannot complete the manager's own future. */
    CompletableFuture<JsonNode> resultView() {
        return state == WorkerState.COMPLETED ? CompletableFuture.completedFuture(result) : resultFuture.copy();
    }

    // --- schedule ---

    /** The schedule of the current declaration, or null for a worker kept alive. */
    RunSchedule runSchedule() {
        WorkerSchedule wanted = spec().schedule();
        if (wanted == null) {
            return null;
        }
        if (runSchedule == null || !runSchedule.spec().equals(wanted)) {
            runSchedule = RunSchedule.of(wanted); // checked when declared, so it parses
        }
        return runSchedule;
    }

    Instant nextRunAt() {
        return nextRunAt;
    }

    boolean nextRunArmed() {
        return nextRunTimer != null;
    }

    void armNextRun(Instant due, Scheduler.Cancellable timer) {
        disarmNextRun();
        nextRunAt = due;
        nextRunTimer = timer;
    }

    /** Cancels the armed due time, if any (a stop, a removal, a new schedule). */
    void disarmNextRun() {
        if (nextRunTimer != null) {
            nextRunTimer.cancel();
        }
        nextRunTimer = null;
        nextRunAt = null;
    }

    Instant lastDueAt() {
        return lastDueAt;
    }

    void dueHandled(Instant due) {
        lastDueAt = due;
    }

    /**
     * A run now: a fresh start that a scheduled worker takes at once instead of at its next due time.
     *
     * @param due the due time it is for, or null for a run on request
     */
    void wantRunNow(Instant due) {
        wantFreshStart();
        runNowWanted = true;
        runDueAt = due;
    }

    boolean runNowWanted() {
        return runNowWanted;
    }

    /** The due time of the run wanted now, or null (a run on request). */
    Instant runDueAt() {
        return runDueAt;
    }

    void runNowTaken() {
        runNowWanted = false;
        runDueAt = null;
    }

    HealthStatus health() {
        return health;
    }

    void healthChecked(HealthStatus status) {
        health = status;
    }

    WorkerStatus snapshot() {
        WorkerOptions options = options();
        return new WorkerStatus(id, group(), spec().type(), Boolean.TRUE.equals(options.foreign()), state, message,
                attempt.number(), Math.max(0, attempt.number() - 1), attempt.isLive() ? attempt.run().pid() : null,
                attempt.startedAt(), attempt.endedAt(), attempt.forced(), result, spec(),
                Boolean.TRUE.equals(options.critical()), health, instance(),
                attempt.usage() == null ? null : attempt.usage().memoryBytes(),
                attempt.usage() == null ? null : attempt.usage().cpuPercent(),
                state == WorkerState.CRASHED || state == WorkerState.BACKOFF || state == WorkerState.FAILED ? crashReason : null,
                nextRunAt);
    }
}
