package io.covey.core.worker;

import io.covey.core.lifecycle.WorkerState;

/**
 * The status calls of a worker ({@link WorkerReporter}'s {@code starting} to {@code stopped}), as
 * one value: what the child sends over the control channel and what a runtime relays to the engine,
 * in one vocabulary for both.
 */
public enum StatusCall {
    STARTING, RUNNING, STOPPING, COMPLETED, CRASHED, STOPPED,
    /** {@code failed(msg)}: a crash that no restart can mend (bad params, a missing resource); FAILED at once. */
    FAILED;

    /** Whether the call ends the attempt (completed, crashed, stopped, failed). */
    public boolean isTerminal() {
        return this == COMPLETED || this == CRASHED || this == STOPPED || this == FAILED;
    }

    /** The lifecycle state the call names: the one place where the two vocabularies meet. */
    public WorkerState state() {
        return switch (this) {
            case STARTING -> WorkerState.STARTING;
            case RUNNING -> WorkerState.RUNNING;
            case STOPPING -> WorkerState.STOPPING;
            case COMPLETED -> WorkerState.COMPLETED;
            case CRASHED -> WorkerState.CRASHED;
            case STOPPED -> WorkerState.STOPPED;
            case FAILED -> WorkerState.FAILED;
        };
    }
}
