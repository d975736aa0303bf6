package io.covey.host.security;

import java.io.IOException;
import java.net.URI;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import io.covey.host.api.WorkersController;
import io.covey.host.problem.ProblemBodies;
import io.covey.host.problem.ProblemKind;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * Keeps a web page of another origin from using the API through the browser of someone on this
 * machine or network. Such a page can send "simple" requests without a preflight (a form POST, a
 * {@code no-cors} fetch, a {@code text/plain} body) and the browser delivers them, along with
 * whatever the network lets it reach: a tokenless host on loopback included. So, for
 * {@code /api/**} and {@code /ws/**}, whatever the token mode:
 * <ul>
 *   <li>a state-changing request (any method but GET, HEAD, OPTIONS) and every event stream
 *       handshake must come from the host's own origin or one of {@code covey.host.allowed-origins}:
 *       judged by {@code Sec-Fetch-Site} where the browser sends it, else by {@code Origin}. A request
 *       with neither is no browser's cross-origin request (curl, the Java client) and passes;</li>
 *   <li>a request body must be {@code application/json} or another {@code +json} type (415
 *       otherwise): the types a page may send without a preflight are all refused;</li>
 *   <li>without a token the host answers only to loopback names in {@code Host} (localhost,
 *       127.0.0.1, [::1]), so that a page whose own name was rebound to 127.0.0.1 (DNS rebinding)
 *       is no "same origin" of it.</li>
 * </ul>
 */
public final class RequestGuard extends HttpFilter {
    private static final Set<String> SAFE_METHODS = Set.of("GET", "HEAD", "OPTIONS");

    private final List<URI> allowedOrigins;
    private final boolean loopbackNamesOnly;

    /**
     * @param allowedOrigins    origins (scheme://host:port) allowed besides the host's own
     * @param loopbackNamesOnly whether the host has no token, and so answers only to loopback names
     */
    public RequestGuard(List<String> allowedOrigins, boolean loopbackNamesOnly) {
        this.allowedOrigins = allowedOrigins.stream().map(URI::create).toList();
        this.loopbackNamesOnly = loopbackNamesOnly;
    }

    @Override
    protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        String path = request.getRequestURI().substring(request.getContextPath().length());
        boolean eventStream = path.startsWith("/ws/");
        if (!(eventStream || path.startsWith("/api/") || path.equals("/api"))) {
            chain.doFilter(request, response);
            return;
        }
        if (loopbackNamesOnly && !isLoopbackName(hostOf(request.getHeader("Host")))) {
            refuse(response, request, ProblemKind.FORBIDDEN_ORIGIN, "this host has no token and answers only to loopback names"
                    + " (localhost, 127.0.0.1, [::1]), not to Host '" + printable(request.getHeader("Host")) + "'");
            return;
        }
        if (eventStream || !SAFE_METHODS.contains(request.getMethod())) {
            String refusal = originRefusal(request);
            if (refusal != null) {
                refuse(response, request, ProblemKind.FORBIDDEN_ORIGIN, refusal);
                return;
            }
        }
        if (hasBody(request) && !isJson(request.getContentType()) && !isInputBytes(path, request)) {
            refuse(response, request, ProblemKind.UNSUPPORTED_MEDIA_TYPE, "a request body must be application/json, was "
                    + (request.getContentType() == null ? "sent without a Content-Type" : "'" + printable(request.getContentType()) + "'"));
            return;
        }
        chain.doFilter(request, response);
    }

    /** Why the request is refused as another origin's, or null when it may pass. */
    private String originRefusal(HttpServletRequest request) {
        String site = request.getHeader("Sec-Fetch-Site");
        String origin = request.getHeader("Origin");
        if (site != null && (site.equals("same-origin") || site.equals("none"))) {
            return null;
        }
        if (origin == null) {
            return site == null ? null : "a " + printable(site) + " request without an Origin is refused";
        }
        if (isAllowed(origin, request)) {
            return null;
        }
        return "requests from origin '" + printable(origin) + "' are refused: only the host's own origin and"
                + " covey.host.allowed-origins may change state or open the event stream";
    }

    private boolean isAllowed(String origin, HttpServletRequest request) {
        URI from;
        try {
            from = URI.create(origin.trim());
        } catch (IllegalArgumentException e) {
            return false;
        }
        if (from.getScheme() == null || from.getHost() == null) {
            return false; // "null", an opaque origin (a sandboxed frame, a file: page)
        }
        String host = request.getHeader("Host");
        if (host != null && sameOrigin(from, URI.create(request.getScheme() + "://" + host.trim()))) {
            return true;
        }
        return allowedOrigins.stream().anyMatch(allowed -> sameOrigin(from, allowed));
    }

    private static boolean sameOrigin(URI a, URI b) {
        return a.getScheme().equalsIgnoreCase(String.valueOf(b.getScheme())) && a.getHost().equalsIgnoreCase(String.valueOf(b.getHost()))
                && port(a) == port(b);
    }

    private static int port(URI uri) {
        if (uri.getPort() != -1) {
            return uri.getPort();
        }
        return "https".equalsIgnoreCase(uri.getScheme()) ? 443 : 80;
    }

    private static boolean hasBody(HttpServletRequest request) {
        return request.getContentLengthLong() > 0 || request.getHeader("Transfer-Encoding") != null;
    }

    /**
     * Bytes for a worker's input: {@code application/octet-stream} is no type a page may send
     * without a preflight, which this host never answers, so it opens no way in.
     */
    private static boolean isInputBytes(String path, HttpServletRequest request) {
        return path.startsWith("/api/v1/workers/") && path.endsWith("/input")
                && WorkersController.isOctetStream(request.getContentType());
    }

    static boolean isJson(String contentType) {
        if (contentType == null) {
            return false;
        }
        String type = contentType.split(";", 2)[0].trim().toLowerCase(Locale.ROOT);
        return type.equals("application/json") || type.startsWith("application/") && type.endsWith("+json");
    }

    private static String hostOf(String hostHeader) {
        if (hostHeader == null) {
            return "";
        }
        String host = hostHeader.trim().toLowerCase(Locale.ROOT);
        if (host.startsWith("[")) {
            int end = host.indexOf(']');
            return end < 0 ? host : host.substring(0, end + 1);
        }
        int colon = host.indexOf(':');
        return colon < 0 ? host : host.substring(0, colon);
    }

    private static boolean isLoopbackName(String host) {
        return host.equals("localhost") || host.endsWith(".localhost") || host.equals("[::1]")
                || host.matches("127\\.\\d{1,3}\\.\\d{1,3}\\.\\d{1,3}");
    }

    private static void refuse(HttpServletResponse response, HttpServletRequest request, ProblemKind kind, String detail)
            throws IOException {
        ProblemBodies.send(response, kind, detail, request.getRequestURI());
    }

    private static String printable(String text) {
        return io.covey.core.spec.CoveyNames.printable(text);
    }
}
