package io.covey.host.api;

import java.io.IOException;

import org.apache.catalina.connector.Request;
import org.apache.catalina.connector.Response;
import org.apache.catalina.valves.ErrorReportValve;

import io.covey.host.problem.ProblemBodies;
import io.covey.host.problem.ProblemKind;

/** Tomcat's own error pages (for requests it refuses itself) as problem+json instead of HTML. */
public final class ProblemErrorReportValve extends ErrorReportValve {
    @Override
    protected void report(Request request, Response response, Throwable throwable) {
        int status = response.getStatus();
        if (status < 400 || response.getContentWritten() > 0 || !response.setErrorReported()) {
            return;
        }
        ProblemKind kind = status == 400 ? ProblemKind.MALFORMED_REQUEST : ProblemKind.forStatus(status);
        String detail = status == 400
                ? "the request was refused as malformed (for example a path with an encoded '/' or a NUL)"
                : "the request failed with status " + status;
        try {
            // The raw URI as it arrived (still percent-encoded): the decoded one is what Tomcat refused.
            byte[] body = ProblemBodies.json(kind, detail, request.getCoyoteRequest().requestURI().toString());
            response.setContentType(ProblemBodies.MEDIA_TYPE);
            response.setContentLength(body.length);
            response.getOutputStream().write(body);
            response.finishResponse();
        } catch (IOException | IllegalStateException | NullPointerException ignored) {
            // the client is gone, or the request is too broken to have a URI; nothing more to tell it
        }
    }
}
