package io.covey.core.lifecycle;

/** A lifecycle change that the transition table does not allow. */
public final class IllegalTransitionException extends IllegalStateException {
    private final WorkerState from;
    private final WorkerState to;

    public IllegalTransitionException(WorkerState from, WorkerState to) {
        super("a worker cannot move from " + from + " to " + to + " (allowed from " + from + ": " + from.allowedNext() + ")");
        this.from = from;
        this.to = to;
    }

    public WorkerState from() {
        return from;
    }

    public WorkerState to() {
        return to;
    }
}
