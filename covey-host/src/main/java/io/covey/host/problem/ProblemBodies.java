package io.covey.host.problem;

import java.io.IOException;
import java.io.OutputStream;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

import io.covey.core.json.CoveyJson;
import jakarta.servlet.http.HttpServletResponse;

/**
 * Problem documents written outside Spring MVC (servlet filters, the WebSocket handshake, Tomcat's
 * own error pages), with the same members as the MVC ones: type, title, status, detail, instance.
 * Written as UTF-8 bytes with no charset parameter (JSON is UTF-8), and escaped by Jackson, so a
 * hostile path in {@code instance} stays a string.
 */
public final class ProblemBodies {
    public static final String MEDIA_TYPE = "application/problem+json";
    private static final int MAX_INSTANCE_CHARS = 2048;

    private ProblemBodies() {
    }

    public static Map<String, Object> members(ProblemKind kind, String detail, String instance) {
        Map<String, Object> members = new LinkedHashMap<>();
        members.put("type", kind.type().toString());
        members.put("title", kind.title());
        members.put("status", kind.status());
        members.put("detail", detail);
        if (instance != null) {
            members.put("instance", instance(instance));
        }
        return members;
    }

    public static byte[] json(ProblemKind kind, String detail, String instance) {
        return CoveyJson.write(members(kind, detail, instance)).getBytes(StandardCharsets.UTF_8);
    }

    /** Sends the problem as the whole response (the response must not be committed yet). */
    public static void send(HttpServletResponse response, ProblemKind kind, String detail, String instance) throws IOException {
        byte[] body = json(kind, detail, instance);
        response.setStatus(kind.status());
        response.setContentType(MEDIA_TYPE);
        response.setContentLength(body.length);
        try (OutputStream out = response.getOutputStream()) {
            out.write(body);
        }
    }

    /** {@link #instance(String)} as a URI; a path that is no valid URI as it stands gets its odd characters quoted. */
    public static URI instanceUri(String path) {
        if (path == null) {
            return null;
        }
        String cut = instance(path);
        try {
            return URI.create(cut);
        } catch (IllegalArgumentException e) {
            try {
                return new URI(null, null, cut, null);
            } catch (URISyntaxException unquotable) {
                return URI.create("/");
            }
        }
    }

    /** The request path as the {@code instance} member: the raw path, cut to a sane length. */
    public static String instance(String path) {
        return path.length() > MAX_INSTANCE_CHARS ? path.substring(0, MAX_INSTANCE_CHARS) : path;
    }
}
