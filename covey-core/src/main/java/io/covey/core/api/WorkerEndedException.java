package io.covey.core.api;

/** A result that will never come: the worker failed, crashed for good or was removed. */
public final class WorkerEndedException extends CoveyException {
    public WorkerEndedException(String message) {
        super(message);
    }
}
