package io.covey.core.lifecycle;

import java.util.Collections;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;

/**
 * The states of a worker. The allowed transitions live here and nowhere else: the engine
 * funnels every change through {@link #canMoveTo(WorkerState)}.
 *
 * <pre>
 * PENDING ─► STARTING ─► RUNNING ─► STOPPING ─► STOPPED
 *               │           │  └──► COMPLETED
 *               └─► CRASHED ◄┘
 *                     ├─► BACKOFF ─► STARTING
 *                     └─► FAILED
 * </pre>
 * A worker whose dependencies do not hold waits in PENDING: a fresh start of a worker that is
 * not live (STOPPED, COMPLETED, CRASHED, BACKOFF, FAILED) goes back there first when they do not.
 */
public enum WorkerState {
    /** Declared, not started yet (possibly waiting for its dependencies). */
    PENDING,
    /** An attempt is launching; the worker has not reported {@code running} yet. */
    STARTING,
    /** The worker reported it is up. */
    RUNNING,
    /** A stop was asked for (or the worker said it is stopping) and the attempt is winding down. */
    STOPPING,
    /** Stopped on purpose; not restarted unless the declaration says so. */
    STOPPED,
    /** The worker finished its job and reported a result. */
    COMPLETED,
    /** The attempt ended unexpectedly; the restart policy decides what is next. */
    CRASHED,
    /** Waiting for the next attempt. */
    BACKOFF,
    /**
     * Crashed too often, or in a way no restart mends (a {@code failed()} report, an exit code of
     * {@code noRestartExitCodes}, a passed deadline); Covey gave up until a manual restart or a changed spec.
     */
    FAILED;

    /** States in which an attempt is in flight (a thread or a child process exists). */
    public static final Set<WorkerState> LIVE_STATES = Collections.unmodifiableSet(EnumSet.of(STARTING, RUNNING, STOPPING));

    /** States from which only an outside action (restart, new spec, removal) moves the worker. */
    public static final Set<WorkerState> SETTLED_STATES = Collections.unmodifiableSet(EnumSet.of(STOPPED, COMPLETED, FAILED));

    /**
     * The states a worker may begin in, before any transition: PENDING when it is declared, or
     * STOPPED or COMPLETED when it is restored from saved state as it was left.
     */
    public static final Set<WorkerState> FIRST_STATES = Collections.unmodifiableSet(EnumSet.of(PENDING, STOPPED, COMPLETED));

    private static final Map<WorkerState, Set<WorkerState>> ALLOWED = new EnumMap<>(WorkerState.class);

    static {
        // PENDING -> PENDING: what a waiting dependant waits for changed (a new message).
        allow(PENDING, PENDING, STARTING, STOPPED);
        // Self-transitions carry a new progress message without changing the state.
        allow(STARTING, STARTING, RUNNING, COMPLETED, CRASHED, STOPPING, STOPPED);
        allow(RUNNING, RUNNING, STOPPING, COMPLETED, CRASHED, STOPPED);
        allow(STOPPING, STOPPING, STOPPED, COMPLETED, CRASHED);
        allow(STOPPED, STARTING, PENDING);
        // Restart policy "always" restarts completed workers after a backoff.
        allow(COMPLETED, STARTING, BACKOFF, PENDING);
        // -> PENDING: a restart asked for while a dependency does not hold waits for it.
        allow(CRASHED, BACKOFF, FAILED, STARTING, STOPPED, PENDING);
        // BACKOFF -> FAILED: the run's deadline passed while it waited for its next attempt.
        allow(BACKOFF, STARTING, STOPPED, PENDING, FAILED);
        allow(FAILED, STARTING, STOPPED, PENDING);
    }

    private static void allow(WorkerState from, WorkerState... to) {
        Set<WorkerState> targets = EnumSet.noneOf(WorkerState.class);
        targets.addAll(java.util.Arrays.asList(to));
        ALLOWED.put(from, Collections.unmodifiableSet(targets));
    }

    /** Whether the transition table allows moving from this state to {@code next}. */
    public boolean canMoveTo(WorkerState next) {
        return ALLOWED.get(this).contains(next);
    }

    /** The states this one may move to. */
    public Set<WorkerState> allowedNext() {
        return ALLOWED.get(this);
    }

    /** Checks a transition, throwing {@link IllegalTransitionException} when the table refuses it. */
    public WorkerState requireMoveTo(WorkerState next) {
        if (!canMoveTo(next)) {
            throw new IllegalTransitionException(this, next);
        }
        return next;
    }

    /** Checks a worker's first state, throwing {@link IllegalArgumentException} when it is not one of {@link #FIRST_STATES}. */
    public static WorkerState requireFirst(WorkerState first) {
        if (!FIRST_STATES.contains(first)) {
            throw new IllegalArgumentException("a worker cannot begin in " + first + "; it begins in one of " + FIRST_STATES);
        }
        return first;
    }

    public boolean isLive() {
        return LIVE_STATES.contains(this);
    }
}
