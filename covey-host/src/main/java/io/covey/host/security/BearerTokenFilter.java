package io.covey.host.security;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.Principal;

import io.covey.host.problem.ProblemBodies;
import io.covey.host.problem.ProblemKind;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;

/**
 * Guards {@code /api/**}, {@code /ws/**} and the Actuator endpoints (all but the public ones,
 * {@code covey.host.actuator.public-endpoints}, health by default) with a bearer token. A request with the right token
 * (or any request when no token is configured: the host then listens on loopback only) carries
 * a principal, which is what lets Actuator show health details to it and to nobody else.
 * Tokens are compared in constant time over their SHA-256 digests, so neither content nor
 * length leaks through timing. The event stream's handshake may present a single-use ticket
 * ({@code ?ticket=}, see {@link EventTicketStore}) instead: browsers cannot set headers there.
 */
public final class BearerTokenFilter extends HttpFilter {
    private static final Principal OPERATOR = () -> "covey-operator";

    private static final String EVENT_STREAM = "/ws/events";

    private final byte[] tokenDigest;
    private final EventTicketStore tickets;
    private final ActuatorPaths actuator;

    public BearerTokenFilter(String token, EventTicketStore tickets) {
        this(token, tickets, ActuatorPaths.NONE);
    }

    public BearerTokenFilter(String token, EventTicketStore tickets, ActuatorPaths actuator) {
        this.tokenDigest = token == null || token.isBlank() ? null : sha256(token);
        this.tickets = tickets;
        this.actuator = actuator;
    }

    @Override
    protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        String path = request.getRequestURI().substring(request.getContextPath().length());
        if (tokenDigest == null || presentsToken(request) || presentsTicket(request, path)) {
            chain.doFilter(new AuthenticatedRequest(request), response);
            return;
        }
        if (path.startsWith("/api/") || path.equals("/api") || path.startsWith("/ws/") || actuator.needsToken(path)) {
            response.setHeader("WWW-Authenticate", "Bearer realm=\"covey\"");
            ProblemBodies.send(response, ProblemKind.UNAUTHORIZED,
                    "this host needs 'Authorization: Bearer <token>' with its covey.host.api-token", request.getRequestURI());
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

    /** A ticket opens only the event stream's handshake, and only once. */
    private boolean presentsTicket(HttpServletRequest request, String path) {
        return EVENT_STREAM.equals(path) && "GET".equals(request.getMethod())
                && tickets.redeem(request.getParameter("ticket"));
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
