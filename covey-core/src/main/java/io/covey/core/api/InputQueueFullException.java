package io.covey.core.api;

/**
 * Input sent to a worker that has as much unhandled input as its {@code inputQueue} option allows:
 * nothing was queued; send it again once the worker has caught up.
 */
public final class InputQueueFullException extends CoveyException {
    private final int limit;

    public InputQueueFullException(String message, int limit) {
        super(message);
        this.limit = limit;
    }

    public int limit() {
        return limit;
    }
}
