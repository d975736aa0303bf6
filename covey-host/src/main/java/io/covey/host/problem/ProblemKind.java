package io.covey.host.problem;

import java.net.URI;

import io.covey.core.api.CoveyException;
import io.covey.core.api.InputNotAcceptedException;
import io.covey.core.api.InputQueueFullException;
import io.covey.core.api.InvalidParamsException;
import io.covey.core.api.JvmOptionNotAllowedException;
import io.covey.core.api.LimitExceededException;
import io.covey.core.api.ManagerClosedException;
import io.covey.core.api.NotFoundException;
import io.covey.core.api.UnknownWorkerTypeException;
import io.covey.core.api.WorkerConflictException;
import io.covey.core.api.WorkerEndedException;
import io.covey.core.spec.InvalidNameException;

/**
 * Every kind of problem the host answers with (RFC 9457), each with a stable {@code type} URI
 * that a client compares instead of parsing {@code detail}. This table is the one place they are
 * defined; README.md lists them. The URIs are URNs rather than web addresses: there is no site to
 * dereference, and RFC 9457 lets a type be any URI that identifies the kind.
 */
public enum ProblemKind {
    /** The body or a spec in it cannot be accepted as written. */
    INVALID_REQUEST(400, "invalid-request", "Invalid Request"),
    /** The body is not JSON, or not of the shape the call takes. */
    INVALID_JSON(400, "invalid-json", "Invalid JSON Body"),
    /** A group name, worker id or type name outside the allowed characters or length. */
    INVALID_NAME(400, "invalid-name", "Invalid Name"),
    /** A spec names a worker type the manifest does not declare; {@code declaredTypes} lists those it does. */
    UNKNOWN_WORKER_TYPE(400, "unknown-worker-type", "Unknown Worker Type"),
    /** A worker's params do not fit its type; {@code field} names the param at fault. */
    INVALID_PARAMS(400, "invalid-params", "Invalid Params"),
    /** A query parameter (tail=, since=, types=...) that is not one the call takes. */
    INVALID_QUERY(400, "invalid-query", "Invalid Query Parameter"),
    /** A declaration asks for a JVM option outside the host's allow-list; {@code option} names it. */
    JVM_OPTION_NOT_ALLOWED(400, "jvm-option-not-allowed", "JVM Option Not Allowed"),
    /** A declaration over a size limit (workers per group, workers in all). */
    LIMIT_EXCEEDED(400, "limit-exceeded", "Limit Exceeded"),
    /** A request the server refused before reading it (an encoded '/', a NUL, a broken request line). */
    MALFORMED_REQUEST(400, "malformed-request", "Malformed Request"),
    /** The token is missing or wrong. */
    UNAUTHORIZED(401, "unauthorized", "Unauthorized"),
    /** A browser page of another origin tried to change state or open the event stream. */
    FORBIDDEN_ORIGIN(403, "forbidden-origin", "Forbidden Origin"),
    /** No such group or worker. */
    NOT_FOUND(404, "not-found", "Not Found"),
    /** No such route: the path is not part of the API. */
    NO_SUCH_ROUTE(404, "no-such-route", "No Such Route"),
    /** The route exists but does not take this method. */
    METHOD_NOT_ALLOWED(405, "method-not-allowed", "Method Not Allowed"),
    /** The route cannot answer in a type the Accept header allows. */
    NOT_ACCEPTABLE(406, "not-acceptable", "Not Acceptable"),
    /** A worker id already declared in another group. */
    CONFLICT(409, "conflict", "Conflict"),
    /** The result asked for will never come: the worker failed or was removed. */
    WORKER_ENDED(409, "worker-ended", "Worker Ended"),
    /** Input sent to a worker that takes none (its type has no onInput) or is not RUNNING. */
    INPUT_NOT_ACCEPTED(409, "input-not-accepted", "Input Not Accepted"),
    /** Input sent to a worker whose input queue is full; send again later (Retry-After). */
    INPUT_QUEUE_FULL(429, "input-queue-full", "Input Queue Full"),
    /** The body is larger than covey.host.max-body-size. */
    BODY_TOO_LARGE(413, "body-too-large", "Body Too Large"),
    /** A body that is not application/json (or another +json type). */
    UNSUPPORTED_MEDIA_TYPE(415, "unsupported-media-type", "Unsupported Media Type"),
    /** Too many requests or outstanding tickets. */
    TOO_MANY_REQUESTS(429, "too-many-requests", "Too Many Requests"),
    /** The host failed; its log has the details. */
    INTERNAL_ERROR(500, "internal-error", "Internal Error"),
    /** The host is shutting down. */
    SHUTTING_DOWN(503, "shutting-down", "Shutting Down");

    private static final String PREFIX = "urn:covey:problem:";

    private final int status;
    private final String slug;
    private final String title;

    ProblemKind(int status, String slug, String title) {
        this.status = status;
        this.slug = slug;
        this.title = title;
    }

    public int status() {
        return status;
    }

    public URI type() {
        return URI.create(PREFIX + slug);
    }

    public String title() {
        return title;
    }

    /** The kind of a core exception: the mapping from the engine's errors to the API's. */
    public static ProblemKind of(CoveyException e) {
        if (e instanceof UnknownWorkerTypeException) {
            return UNKNOWN_WORKER_TYPE;
        }
        if (e instanceof InvalidParamsException) {
            return INVALID_PARAMS;
        }
        if (e instanceof InvalidNameException) {
            return INVALID_NAME;
        }
        if (e instanceof JvmOptionNotAllowedException) {
            return JVM_OPTION_NOT_ALLOWED;
        }
        if (e instanceof LimitExceededException) {
            return LIMIT_EXCEEDED;
        }
        if (e instanceof NotFoundException) {
            return NOT_FOUND;
        }
        if (e instanceof WorkerConflictException) {
            return CONFLICT;
        }
        if (e instanceof WorkerEndedException) {
            return WORKER_ENDED;
        }
        if (e instanceof InputNotAcceptedException) {
            return INPUT_NOT_ACCEPTED;
        }
        if (e instanceof InputQueueFullException) {
            return INPUT_QUEUE_FULL;
        }
        if (e instanceof ManagerClosedException) {
            return SHUTTING_DOWN;
        }
        return INVALID_REQUEST;
    }

    /** The kind for a status that Spring or the server chose (a wrong method, an unknown route, a bad parameter). */
    public static ProblemKind forStatus(int status) {
        return switch (status) {
            case 400 -> INVALID_QUERY;
            case 401 -> UNAUTHORIZED;
            case 403 -> FORBIDDEN_ORIGIN;
            case 404 -> NO_SUCH_ROUTE;
            case 405 -> METHOD_NOT_ALLOWED;
            case 406 -> NOT_ACCEPTABLE;
            case 409 -> CONFLICT;
            case 413 -> BODY_TOO_LARGE;
            case 415 -> UNSUPPORTED_MEDIA_TYPE;
            case 429 -> TOO_MANY_REQUESTS;
            case 503 -> SHUTTING_DOWN;
            default -> status >= 500 ? INTERNAL_ERROR : INVALID_REQUEST;
        };
    }
}
