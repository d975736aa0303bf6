package io.covey.host.events;

import java.util.Map;

import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.server.ServerHttpRequest;
import org.springframework.http.server.ServerHttpResponse;
import org.springframework.web.socket.WebSocketHandler;
import org.springframework.web.socket.server.HandshakeInterceptor;

import io.covey.host.problem.ProblemBodies;
import io.covey.host.problem.ProblemKind;

/**
 * Checks the query of {@code /ws/events} before the upgrade: a bad one is refused with 400 and a
 * problem body the client can read (a WebSocket closed after the upgrade only says 1008), and a
 * good one is handed to the session so it is parsed once.
 */
public final class EventStreamHandshake implements HandshakeInterceptor {
    static final String QUERY = EventStreamHandshake.class.getName() + ".query";

    @Override
    public boolean beforeHandshake(ServerHttpRequest request, ServerHttpResponse response, WebSocketHandler handler,
                                   Map<String, Object> attributes) throws Exception {
        try {
            attributes.put(QUERY, EventStreamQuery.parse(request.getURI()));
            return true;
        } catch (IllegalArgumentException e) {
            response.setStatusCode(HttpStatus.BAD_REQUEST);
            response.getHeaders().setContentType(MediaType.APPLICATION_PROBLEM_JSON);
            response.getBody().write(ProblemBodies.json(ProblemKind.INVALID_QUERY, e.getMessage(), request.getURI().getRawPath()));
            return false;
        }
    }

    @Override
    public void afterHandshake(ServerHttpRequest request, ServerHttpResponse response, WebSocketHandler handler,
                               Exception exception) {
        // nothing to do after the upgrade
    }
}
