package io.covey.core.protocol;

/** The other side broke the control protocol: a message too large, not JSON, or out of order. */
public final class ProtocolException extends Exception {
    public ProtocolException(String message) {
        super(message);
    }
}
