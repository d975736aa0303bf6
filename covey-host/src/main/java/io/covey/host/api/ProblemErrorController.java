package io.covey.host.api;

import java.util.Map;

import org.springframework.boot.web.error.ErrorAttributeOptions;
import org.springframework.boot.webmvc.error.ErrorAttributes;
import org.springframework.boot.webmvc.error.ErrorController;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.context.request.ServletWebRequest;

import io.covey.host.problem.ProblemKind;
import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;

/**
 * Errors that never reach a controller (no such path, a URL the server refuses) as
 * {@code application/problem+json} too, with the path that was asked for as {@code instance}
 * (not the error page's own), and never with a stack trace.
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
                ErrorAttributeOptions.defaults());
        int status = attributes.get("status") instanceof Integer code && code >= 400 ? code : 500;
        Object original = request.getAttribute(RequestDispatcher.ERROR_REQUEST_URI);
        String path = original instanceof String uri ? uri : String.valueOf(attributes.getOrDefault("path", request.getRequestURI()));
        ProblemKind kind = status == 400 ? ProblemKind.MALFORMED_REQUEST : ProblemKind.forStatus(status);
        String detail = switch (kind) {
            case NO_SUCH_ROUTE -> noRoute(path);
            case MALFORMED_REQUEST -> "the request was refused as malformed (for example a path with encoded '/', '..' or NUL)";
            case INTERNAL_ERROR -> "the host failed to handle this request; its log has the details";
            default -> kind.title();
        };
        return ResponseEntity.status(kind.status()).body(ProblemResponses.detail(kind, detail, path));
    }

    static String noRoute(String path) {
        return "there is nothing at " + io.covey.core.spec.CoveyNames.printable(String.valueOf(path))
                + "; the API is under /api/v1 (its description: /api/v1/openapi.json)";
    }
}
