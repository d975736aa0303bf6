package io.covey.client;

import java.net.URI;

import io.covey.core.api.CoveyException;

/**
 * An error from a Covey host, or the host could not be reached. It extends
 * {@link CoveyException}, so code written against {@code CoveyOperations} that catches
 * {@code CoveyException} behaves the same against the local manager and the client; the message
 * starts with the host's {@code detail}, which is the local exception's message word for word.
 * The kind of error is the HTTP {@link #status()}: 400 bad declaration or unknown type, 404
 * unknown group or worker, 409 worker id taken by another group, 0 no answer at all.
 */
public class CoveyClientException extends CoveyException {
    private final int status;
    private final String title;
    private final String detail;
    private final URI uri;

    public CoveyClientException(int status, String title, String detail, URI uri, Throwable cause) {
        super(detail + (status > 0 ? " (HTTP " + status + (title == null ? "" : " " + title) + " from " + uri + ")" : ""), cause);
        this.status = status;
        this.title = title;
        this.detail = detail;
        this.uri = uri;
    }

    /** The host at {@code uri} did not answer: refused, timed out, or the connection broke. */
    public static CoveyClientException unreachable(URI uri, Throwable cause) {
        String reason = cause.getMessage() == null ? cause.getClass().getSimpleName() : cause.getMessage();
        return new CoveyClientException(0, "Host unreachable", "cannot reach the Covey host at " + uri + ": " + reason, uri, cause);
    }

    /** The HTTP status of the host's answer, or 0 when there was none. */
    public int status() {
        return status;
    }

    /** The problem's {@code title}, e.g. "Not Found". */
    public String title() {
        return title;
    }

    /** The problem's {@code detail}: what went wrong, written for a person. */
    public String detail() {
        return detail;
    }

    /** The URL of the request that failed. */
    public URI uri() {
        return uri;
    }

    public boolean isNotFound() {
        return status == 404;
    }

    public boolean isUnreachable() {
        return status == 0;
    }
}
