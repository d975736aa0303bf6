package io.covey.engine;

import io.covey.core.lifecycle.WorkerState;

/**
 * An attempt of a worker that is live beside its current one, during a rolling update: the
 * successor starting next to the attempt that still serves, or the retiring attempt being
 * stopped once its successor took over. Its states follow the same table as every attempt's,
 * checked by {@link WorkerSlot#transitionSide}, but they are its own: the worker's state is its
 * current attempt's. Engine thread only.
 */
final class SideAttempt {
    enum Role { SUCCESSOR, RETIRING }

    final Attempt attempt;
    final Role role;
    /** Null until its first transition. */
    WorkerState state;
    String message;

    SideAttempt(Attempt attempt, Role role, WorkerState state) {
        this.attempt = attempt;
        this.role = role;
        this.state = state;
    }
}
