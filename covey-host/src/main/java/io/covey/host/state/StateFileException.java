package io.covey.host.state;

/** The saved state cannot be used; the host stops rather than lose or overwrite it. */
public final class StateFileException extends RuntimeException {
    public StateFileException(String message, Throwable cause) {
        super(message, cause);
    }
}
