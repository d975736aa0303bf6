package io.covey.host.api;

/** A request body over the configured limit (HTTP 413). */
public final class RequestTooLargeException extends RuntimeException {
    public RequestTooLargeException(long limit) {
        super("the request body is larger than the limit of " + limit + " bytes (covey.host.max-body-size)");
    }
}
