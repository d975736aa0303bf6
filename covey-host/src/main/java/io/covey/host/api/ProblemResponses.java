package io.covey.host.api;

import org.springframework.beans.TypeMismatchException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.ServletWebRequest;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;

import io.covey.core.api.CoveyException;
import io.covey.core.api.InputQueueFullException;
import io.covey.core.api.InvalidParamsException;
import io.covey.core.api.JvmOptionNotAllowedException;
import io.covey.core.api.UnknownWorkerTypeException;
import io.covey.core.spec.CoveyNames;
import io.covey.host.problem.ApiProblemException;
import io.covey.host.problem.ProblemBodies;
import io.covey.host.problem.ProblemKind;
import jakarta.servlet.http.HttpServletRequest;

/**
 * Every error of the API as {@code application/problem+json}: the {@link ProblemKind}'s type and
 * title, a {@code detail} a person can act on, the request path as {@code instance}. Unexpected
 * failures say only that the host failed: the stack trace goes to the log.
 */
@RestControllerAdvice(basePackageClasses = ProblemResponses.class)
public class ProblemResponses extends ResponseEntityExceptionHandler {
    private static final System.Logger LOG = System.getLogger(ProblemResponses.class.getName());

    @ExceptionHandler(CoveyException.class)
    ResponseEntity<ProblemDetail> covey(CoveyException e, HttpServletRequest request) {
        ProblemKind kind = ProblemKind.of(e);
        String detail = kind == ProblemKind.SHUTTING_DOWN ? "the host is shutting down" : e.getMessage();
        ResponseEntity<ProblemDetail> response = problem(kind, detail, request);
        if (e instanceof UnknownWorkerTypeException unknown) {
            response.getBody().setProperty("declaredTypes", unknown.declaredTypes());
        } else if (e instanceof InvalidParamsException params) {
            response.getBody().setProperty("workerType", params.workerType());
            response.getBody().setProperty("field", params.field());
        } else if (e instanceof JvmOptionNotAllowedException option) {
            response.getBody().setProperty("option", option.option());
        } else if (e instanceof InputQueueFullException full) {
            response.getBody().setProperty("inputQueue", full.limit());
            return ResponseEntity.status(kind.status()).header("Retry-After", "1").body(response.getBody());
        }
        return response;
    }

    @ExceptionHandler(ApiProblemException.class)
    ResponseEntity<ProblemDetail> api(ApiProblemException e, HttpServletRequest request) {
        ResponseEntity<ProblemDetail> response = problem(e.kind(), e.getMessage(), request);
        e.properties().forEach(response.getBody()::setProperty);
        return response;
    }

    @ExceptionHandler(RuntimeException.class)
    ResponseEntity<ProblemDetail> unexpected(RuntimeException e, HttpServletRequest request) {
        LOG.log(System.Logger.Level.ERROR, "request failed unexpectedly", e);
        return problem(ProblemKind.INTERNAL_ERROR, "the host failed to handle this request; its log has the details", request);
    }

    @Override
    protected ResponseEntity<Object> handleTypeMismatch(TypeMismatchException ex, HttpHeaders headers,
                                                        HttpStatusCode status, WebRequest request) {
        String name = ex instanceof MethodArgumentTypeMismatchException mismatch ? mismatch.getName() : ex.getPropertyName();
        String value = CoveyNames.printable(String.valueOf(ex.getValue()));
        String wanted = ex.getRequiredType() == int.class || ex.getRequiredType() == long.class ? "a whole number" : "another value";
        ProblemDetail body = detail(ProblemKind.INVALID_QUERY, "'" + name + "' must be " + wanted + ", was '" + value + "'", request);
        return handleExceptionInternal(ex, body, headers, status, request);
    }

    /** Spring's own errors (a wrong method, a missing parameter, an unknown route) get the same shape, without internals. */
    @Override
    protected ResponseEntity<Object> handleExceptionInternal(Exception ex, Object body, HttpHeaders headers,
                                                             HttpStatusCode statusCode, WebRequest request) {
        if (body instanceof ProblemDetail problem && problem.getType().toString().equals("about:blank")) {
            ProblemKind kind = ProblemKind.forStatus(statusCode.value());
            problem.setType(kind.type());
            problem.setTitle(kind.title());
            problem.setInstance(null);
            if (kind == ProblemKind.NO_SUCH_ROUTE) {
                problem.setDetail(ProblemErrorController.noRoute(path(request)));
            } else if (problem.getDetail() == null) {
                problem.setDetail(kind.title());
            }
        }
        if (body instanceof ProblemDetail problem && problem.getInstance() == null) {
            problem.setInstance(ProblemBodies.instanceUri(path(request)));
        }
        return super.handleExceptionInternal(ex, body, headers, statusCode, request);
    }

    static ResponseEntity<ProblemDetail> problem(ProblemKind kind, String detail, HttpServletRequest request) {
        return ResponseEntity.status(kind.status()).body(detail(kind, detail, request.getRequestURI()));
    }

    private static ProblemDetail detail(ProblemKind kind, String detail, WebRequest request) {
        return detail(kind, detail, path(request));
    }

    static ProblemDetail detail(ProblemKind kind, String detail, String path) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatusCode.valueOf(kind.status()), detail);
        problem.setType(kind.type());
        problem.setTitle(kind.title());
        if (path != null) {
            problem.setInstance(ProblemBodies.instanceUri(path));
        }
        return problem;
    }

    private static String path(WebRequest request) {
        return request instanceof ServletWebRequest servlet ? servlet.getRequest().getRequestURI() : null;
    }
}
