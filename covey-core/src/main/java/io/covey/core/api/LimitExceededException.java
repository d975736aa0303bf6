package io.covey.core.api;

/** A declaration over a configured size limit (HTTP 400). Nothing was changed. */
public final class LimitExceededException extends InvalidSpecException {
    public LimitExceededException(String message) {
        super(message);
    }
}
