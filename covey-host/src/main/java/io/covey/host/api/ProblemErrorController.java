package io.covey.host.api;

import java.util.Map;

import org.springframework.boot.webmvc.error.ErrorAttributes;
import org.springframework.boot.webmvc.error.ErrorController;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.context.request.ServletWebRequest;

import jakarta.servlet.http.HttpServletRequest;

/**
 * Errors that never reach a controller (no such path, a URL the server refuses) as
 * {@code application/problem+json} too, and never with a stack trace.
 */
@RestController
public class ProblemErrorController implements ErrorController {
    private final ErrorAttributes errorAttributes;

    public ProblemErrorController(ErrorAttributes errorAttributes) {
        this.errorAttributes = errorAttributes;
    }

    @RequestMapping("${spring.web.error.path:${server.error.path:/error}}")
    public ResponseEntity<ProblemDetail> error(HttpServletRequest request) {
        Map<String, Object> attributes = errorAttributes.getErrorAttributes(new ServletWebRequest(request),
                org.springframework.boot.web.error.ErrorAttributeOptions.defaults());
        Object statusValue = attributes.get("status");
        HttpStatus status = statusValue instanceof Integer code ? HttpStatus.resolve(code) : null;
        if (status == null) {
            status = HttpStatus.INTERNAL_SERVER_ERROR;
        }
        String detail = switch (status) {
            case NOT_FOUND -> "there is nothing at " + attributes.getOrDefault("path", "this path") + "; the API is under /api/v1";
            case BAD_REQUEST -> "the request was refused as malformed (for example a path with encoded '/', '..' or NUL)";
            default -> status.getReasonPhrase();
        };
        return ProblemResponses.problem(status, detail);
    }
}
