package io.covey.core.api;

/** The base of every error Covey reports to a caller; its message is written for a person. */
public class CoveyException extends RuntimeException {
    public CoveyException(String message) {
        super(message);
    }

    public CoveyException(String message, Throwable cause) {
        super(message, cause);
    }
}
