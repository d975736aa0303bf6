package io.covey.engine;

import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Map;

import io.covey.core.lifecycle.CrashReason;
import io.covey.core.lifecycle.WorkerState;
import io.covey.engine.launch.ResourceUsage;
import io.covey.engine.launch.StatusReport;
import io.covey.engine.launch.WorkerRun;

/**
 * What the engine knows about one attempt of a worker, from its start to its end. A new attempt
 * is a new object ({@link WorkerSlot#beginAttempt}), so nothing of the last one can leak into it;
 * a callback, timer or health answer that holds an older one sees that it is no longer
 * {@link WorkerSlot#attempt()} and is ignored. Engine thread only.
 */
final class Attempt {
    /** The start, health and restart timers of an attempt; each is cancelled once it is of no use. */
    enum Timer { START, HEALTH, RESTART }

    private final int number;
    private final Instant startedAt;
    private final Map<String, Integer> boundTo;
    private final Scheduler.Cancellable[] timers = new Scheduler.Cancellable[Timer.values().length];
    /** The launched run while the attempt is in flight; null before its launch and after its end. */
    private WorkerRun run;
    private Instant runningSince;
    private boolean stopRequested;
    private StatusReport terminalReport;
    private String limit;
    private CrashReason limitReason;
    private int failedHealthChecks;
    private Instant endedAt;
    private boolean forced;
    private boolean stoppedByItself;
    private boolean completed;
    /** The last usage sample of its process tree; written by the launcher's thread, read by snapshots. */
    private volatile ResourceUsage usage;
    /** Inputs delivered to the run and not yet handled, and their bytes: the worker's input queue. */
    private final ArrayDeque<Integer> pendingInputSizes = new ArrayDeque<>();
    private long pendingInputBytes;

    private Attempt(int number, Instant startedAt, Map<String, Integer> boundTo) {
        this.number = number;
        this.startedAt = startedAt;
        this.boundTo = Map.copyOf(boundTo);
    }

    /** What a worker has before its first attempt: number 0, never run. */
    static Attempt none() {
        return new Attempt(0, null, Map.of());
    }

    /** The attempt after this one, starting now. */
    Attempt next(Instant now, Map<String, Integer> bindings) {
        return new Attempt(number + 1, now, bindings);
    }

    /** The attempt numbered {@code number}, starting now: after a rolling update's failed successor, the one after it. */
    static Attempt numbered(int number, Instant now, Map<String, Integer> bindings) {
        return new Attempt(number, now, bindings);
    }

    int number() {
        return number;
    }

    Instant startedAt() {
        return startedAt;
    }

    Instant endedAt() {
        return endedAt;
    }

    /** The attempts of {@code restartDependants} dependencies this attempt started against (see DependencyGate). */
    Map<String, Integer> boundTo() {
        return boundTo;
    }

    /** Whether a run is in flight: launched and not ended. */
    boolean isLive() {
        return run != null;
    }

    WorkerRun run() {
        return run;
    }

    void launched(WorkerRun launched) {
        run = launched;
    }

    /** When the worker first reported running in this attempt, or null. */
    Instant runningSince() {
        return runningSince;
    }

    void running(Instant now) {
        runningSince = now;
    }

    boolean stopRequested() {
        return stopRequested;
    }

    void requestStop() {
        stopRequested = true;
    }

    /** The first completed, crashed or stopped call of the worker, which its exit is judged by; or null. */
    StatusReport terminalReport() {
        return terminalReport;
    }

    void reportedEnd(StatusReport report) {
        if (terminalReport == null) {
            terminalReport = report;
        }
    }

    /** Why this attempt is being stopped for failed health checks, or null: its end then counts as a crash. */
    String unhealthy() {
        return limitReason == CrashReason.UNHEALTHY ? limit : null;
    }

    void unhealthy(String reason) {
        limitReached(CrashReason.UNHEALTHY, reason);
    }

    /** Covey stops this attempt for a limit it reached; its end counts as a crash of {@code reason}. The first one holds. */
    void limitReached(CrashReason reason, String message) {
        if (limit == null) {
            limit = message;
            limitReason = reason;
        }
    }

    /** Why Covey stops this attempt for a limit (unhealthy, memory, deadline), or null. */
    String limit() {
        return limit;
    }

    CrashReason limitReason() {
        return limitReason;
    }

    int failedHealthChecks() {
        return failedHealthChecks;
    }

    /** Counts a health answer: a healthy one starts the count over. Returns the failures in a row. */
    int healthChecked(boolean healthy) {
        failedHealthChecks = healthy ? 0 : failedHealthChecks + 1;
        return failedHealthChecks;
    }

    int pendingInputs() {
        return pendingInputSizes.size();
    }

    long pendingInputBytes() {
        return pendingInputBytes;
    }

    /** Counts an input into the queue; returns how many are pending now. */
    int inputQueued(int bytes) {
        pendingInputSizes.add(bytes);
        pendingInputBytes += bytes;
        return pendingInputSizes.size();
    }

    /** Counts one input out of the queue: the oldest, as delivery is in order. */
    void inputHandled() {
        Integer bytes = pendingInputSizes.poll();
        if (bytes != null) {
            pendingInputBytes -= bytes;
        }
    }

    /** Whether its end had to be forced (an abandoned thread, SIGTERM, SIGKILL). */
    boolean forced() {
        return forced;
    }

    /** The last usage sample while the run is in flight, else null. */
    ResourceUsage usage() {
        return run == null ? null : usage;
    }

    void usage(ResourceUsage sample) {
        usage = sample;
    }

    /** Whether it ended COMPLETED: a restart after it (policy always) begins a new run. */
    boolean endedAfterCompletion() {
        return completed;
    }

    /** Whether it ended STOPPED without a stop being asked: the worker said stopped() on its own. */
    boolean stoppedByItself() {
        return stoppedByItself;
    }

    /** The run is over, with {@code outcome}: no longer live, its timers of no more use. */
    void ended(Instant now, ExitClassifier.Outcome outcome) {
        run = null;
        endedAt = now;
        forced = outcome.forced();
        stoppedByItself = outcome.state() == WorkerState.STOPPED && !stopRequested;
        completed = outcome.state() == WorkerState.COMPLETED;
        cancel(Timer.START);
        cancel(Timer.HEALTH);
    }

    void schedule(Timer timer, Scheduler.Cancellable scheduled) {
        cancel(timer);
        timers[timer.ordinal()] = scheduled;
    }

    /** Forgets the timer once it has fired. */
    void fired(Timer timer) {
        timers[timer.ordinal()] = null;
    }

    void cancel(Timer timer) {
        Scheduler.Cancellable scheduled = timers[timer.ordinal()];
        if (scheduled != null) {
            scheduled.cancel();
            timers[timer.ordinal()] = null;
        }
    }

    void cancelTimers() {
        for (Timer timer : Timer.values()) {
            cancel(timer);
        }
    }
}
