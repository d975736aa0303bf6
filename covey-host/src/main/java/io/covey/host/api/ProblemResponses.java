package io.covey.host.api;

import java.net.URI;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;

import io.covey.core.api.CoveyException;
import io.covey.core.api.InvalidSpecException;
import io.covey.core.api.ManagerClosedException;
import io.covey.core.api.NotFoundException;
import io.covey.core.api.WorkerConflictException;

/**
 * Every error of the API as {@code application/problem+json} with a {@code detail} a person can
 * act on. Unexpected failures say only that the host failed: the stack trace goes to the log.
 */
@RestControllerAdvice(basePackageClasses = ProblemResponses.class)
public class ProblemResponses extends ResponseEntityExceptionHandler {
    private static final System.Logger LOG = System.getLogger(ProblemResponses.class.getName());

    @ExceptionHandler(CoveyException.class)
    ResponseEntity<ProblemDetail> covey(CoveyException e) {
        if (e instanceof ManagerClosedException) {
            return problem(HttpStatus.SERVICE_UNAVAILABLE, "the host is shutting down");
        }
        HttpStatus status = e instanceof NotFoundException ? HttpStatus.NOT_FOUND
                : e instanceof WorkerConflictException ? HttpStatus.CONFLICT
                : e instanceof InvalidSpecException ? HttpStatus.BAD_REQUEST
                : HttpStatus.UNPROCESSABLE_CONTENT;
        return problem(status, e.getMessage());
    }

    @ExceptionHandler(RequestTooLargeException.class)
    ResponseEntity<ProblemDetail> tooLarge(RequestTooLargeException e) {
        return problem(HttpStatus.CONTENT_TOO_LARGE, e.getMessage());
    }

    @ExceptionHandler(RuntimeException.class)
    ResponseEntity<ProblemDetail> unexpected(RuntimeException e) {
        LOG.log(System.Logger.Level.ERROR, "request failed unexpectedly", e);
        return problem(HttpStatus.INTERNAL_SERVER_ERROR, "the host failed to handle this request; its log has the details");
    }

    @Override
    protected ResponseEntity<Object> handleExceptionInternal(Exception ex, Object body, HttpHeaders headers,
                                                             HttpStatusCode statusCode, WebRequest request) {
        // Spring's own errors (wrong method, bad parameter) get the same shape, without internals.
        if (body instanceof ProblemDetail detail && detail.getDetail() == null) {
            detail.setDetail(HttpStatus.valueOf(statusCode.value()).getReasonPhrase());
        }
        return super.handleExceptionInternal(ex, body, headers, statusCode, request);
    }

    static ResponseEntity<ProblemDetail> problem(HttpStatus status, String detail) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
        problem.setType(URI.create("about:blank"));
        return ResponseEntity.status(status).body(problem);
    }
}
