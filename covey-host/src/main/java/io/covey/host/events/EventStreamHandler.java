package io.covey.host.events;

import java.io.IOException;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

import org.springframework.web.socket.CloseStatus;
import org.springframework.web.socket.adapter.NativeWebSocketSession;
import org.springframework.web.socket.PongMessage;
import org.springframework.web.socket.TextMessage;
import org.springframework.web.socket.WebSocketSession;
import org.springframework.web.socket.handler.ConcurrentWebSocketSessionDecorator;
import org.springframework.web.socket.handler.TextWebSocketHandler;

import io.covey.core.api.CoveyOperations;
import io.covey.core.event.CoveyEvent;
import io.covey.core.event.GapEvent;
import io.covey.core.event.Subscription;

/**
 * {@code /ws/events}: one JSON event per text message. Each session reads the journal through a
 * subscription of its own, so a slow session only lags behind; its sends go through a bounded
 * buffer and a send time limit, and a session that cannot keep up is closed (the client resumes
 * with {@code since=}) rather than allowed to hold memory or threads.
 */
public final class EventStreamHandler extends TextWebSocketHandler {
    private static final System.Logger LOG = System.getLogger(EventStreamHandler.class.getName());
    /** Tomcat's per-session bound on one blocking send. */
    private static final String TOMCAT_BLOCKING_SEND_TIMEOUT = "org.apache.tomcat.websocket.BLOCKING_SEND_TIMEOUT";

    private final CoveyOperations covey;
    private final int maxSessions;
    private final Duration sendTimeLimit;
    private final int sendBufferBytes;
    private final Map<String, Subscription> subscriptions = new ConcurrentHashMap<>();
    private final AtomicInteger sessions = new AtomicInteger();
    /** Sessions read the journal at about the same place, so a few thousand recent events cover them. */
    private final EventJsonCache json = new EventJsonCache(4096);

    private final EventSessionKeepAlive keepAlive;

    public EventStreamHandler(CoveyOperations covey, int maxSessions, Duration sendTimeLimit, int sendBufferBytes) {
        this(covey, maxSessions, sendTimeLimit, sendBufferBytes, null);
    }

    /** @param keepAlive pings idle sessions and closes dead ones; null for none */
    public EventStreamHandler(CoveyOperations covey, int maxSessions, Duration sendTimeLimit, int sendBufferBytes,
                              EventSessionKeepAlive keepAlive) {
        this.covey = covey;
        this.maxSessions = maxSessions;
        this.sendTimeLimit = sendTimeLimit;
        this.sendBufferBytes = sendBufferBytes;
        this.keepAlive = keepAlive;
    }

    @Override
    public void afterConnectionEstablished(WebSocketSession session) throws IOException {
        if (sessions.incrementAndGet() > maxSessions) {
            session.close(CloseStatus.SERVICE_OVERLOAD.withReason("at most " + maxSessions + " event sessions"));
            return;
        }
        EventStreamQuery query = (EventStreamQuery) session.getAttributes().get(EventStreamHandshake.QUERY);
        try {
            query = query != null ? query : EventStreamQuery.parse(session.getUri());
        } catch (IllegalArgumentException e) {
            session.close(CloseStatus.POLICY_VIOLATION.withReason(truncate(e.getMessage())));
            return;
        }
        limitBlockingSends(session);
        WebSocketSession bounded = new ConcurrentWebSocketSessionDecorator(session, (int) sendTimeLimit.toMillis(), sendBufferBytes);
        if (keepAlive != null) {
            keepAlive.track(session.getId(), bounded);
        }
        Subscription subscription = covey.subscribe(query.since(), query.filter(), event -> send(bounded, event));
        subscriptions.put(session.getId(), subscription);
        if (!session.isOpen()) {
            subscription.close();
            subscriptions.remove(session.getId());
        }
    }

    private void send(WebSocketSession session, CoveyEvent event) {
        if (!session.isOpen()) {
            return;
        }
        String text;
        try {
            text = json.json(event);
        } catch (RuntimeException e) {
            // One event that cannot be written must not close the session at it, and again at every
            // resume: the subscriber learns it missed that seq, and the stream goes on.
            LOG.log(System.Logger.Level.WARNING, "event " + event.seq() + " cannot be written as JSON; sending a gap", e);
            text = json.json(new GapEvent(event.seq(), event.time(), event.seq(), event.seq()));
        }
        try {
            session.sendMessage(new TextMessage(text));
            if (keepAlive != null) {
                keepAlive.sent(session.getId());
            }
        } catch (IOException | RuntimeException e) {
            // A send that timed out or overflowed: this subscriber cannot keep up. It resumes with since=.
            LOG.log(System.Logger.Level.INFO, "closing event session " + session.getId() + ": " + e.getMessage());
            closeQuietly(session, CloseStatus.SESSION_NOT_RELIABLE.withReason("too slow: resume with since=" + (event.seq() - 1)));
        }
    }

    private void limitBlockingSends(WebSocketSession session) {
        if (session instanceof NativeWebSocketSession nativeSession) {
            jakarta.websocket.Session jakartaSession = nativeSession.getNativeSession(jakarta.websocket.Session.class);
            if (jakartaSession != null) {
                jakartaSession.getUserProperties().put(TOMCAT_BLOCKING_SEND_TIMEOUT, sendTimeLimit.toMillis());
            }
        }
    }

    @Override
    protected void handlePongMessage(WebSocketSession session, PongMessage message) {
        if (keepAlive != null) {
            keepAlive.pong(session.getId());
        }
    }

    @Override
    public void afterConnectionClosed(WebSocketSession session, CloseStatus status) {
        sessions.decrementAndGet();
        if (keepAlive != null) {
            keepAlive.untrack(session.getId());
        }
        Subscription subscription = subscriptions.remove(session.getId());
        if (subscription != null) {
            subscription.close();
        }
    }

    @Override
    public void handleTransportError(WebSocketSession session, Throwable exception) {
        closeQuietly(session, CloseStatus.SERVER_ERROR);
    }

    public int sessionCount() {
        return subscriptions.size();
    }

    private static void closeQuietly(WebSocketSession session, CloseStatus status) {
        try {
            session.close(status);
        } catch (IOException | RuntimeException ignored) {
            // already gone
        }
    }

    private static String truncate(String reason) {
        // A close reason must fit in a control frame (123 bytes).
        return reason.length() > 120 ? reason.substring(0, 120) : reason;
    }
}
