package io.covey.host.security;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.Principal;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;

/**
 * Guards {@code /api/**} and {@code /ws/**} with a bearer token. A request with the right token
 * (or any request when no token is configured: the host then listens on loopback only) carries
 * a principal, which is what lets Actuator show health details to it and to nobody else.
 * Tokens are compared in constant time over their SHA-256 digests, so neither content nor
 * length leaks through timing.
 */
public final class BearerTokenFilter extends HttpFilter {
    private static final Principal OPERATOR = () -> "covey-operator";

    private final byte[] tokenDigest;

    public BearerTokenFilter(String token) {
        this.tokenDigest = token == null || token.isBlank() ? null : sha256(token);
    }

    @Override
    protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        if (tokenDigest == null || presentsToken(request)) {
            chain.doFilter(new AuthenticatedRequest(request), response);
            return;
        }
        String path = request.getRequestURI().substring(request.getContextPath().length());
        if (path.startsWith("/api/") || path.equals("/api") || path.startsWith("/ws/")) {
            response.setStatus(HttpServletResponse.SC_UNAUTHORIZED);
            response.setHeader("WWW-Authenticate", "Bearer realm=\"covey\"");
            response.setContentType("application/problem+json");
            response.getWriter().write("{\"type\":\"about:blank\",\"title\":\"Unauthorized\",\"status\":401,"
                    + "\"detail\":\"this host needs 'Authorization: Bearer <token>' with its covey.host.api-token\"}");
            return;
        }
        chain.doFilter(request, response);
    }

    private boolean presentsToken(HttpServletRequest request) {
        String header = request.getHeader("Authorization");
        if (header == null || !header.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return false;
        }
        return MessageDigest.isEqual(tokenDigest, sha256(header.substring(7).trim()));
    }

    private static byte[] sha256(String value) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }

    private static final class AuthenticatedRequest extends HttpServletRequestWrapper {
        AuthenticatedRequest(HttpServletRequest request) {
            super(request);
        }

        @Override
        public Principal getUserPrincipal() {
            return OPERATOR;
        }
    }
}
