package io.covey.core.api;

/** A declaration that cannot be accepted as written (HTTP 400). Nothing was changed. */
public class InvalidSpecException extends CoveyException {
    public InvalidSpecException(String message) {
        super(message);
    }
}
