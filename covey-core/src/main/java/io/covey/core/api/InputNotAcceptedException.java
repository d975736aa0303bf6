package io.covey.core.api;

/** Input sent to a worker that cannot take it: its type has no {@code onInput}, or it is not running now. */
public final class InputNotAcceptedException extends CoveyException {
    public InputNotAcceptedException(String message) {
        super(message);
    }
}
