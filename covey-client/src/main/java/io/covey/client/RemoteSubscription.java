package io.covey.client;

import java.net.URI;
import java.time.Duration;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import org.springframework.web.socket.CloseStatus;
import org.springframework.web.socket.TextMessage;
import org.springframework.web.socket.WebSocketHttpHeaders;
import org.springframework.web.socket.WebSocketSession;
import org.springframework.web.socket.client.WebSocketClient;
import org.springframework.web.socket.handler.TextWebSocketHandler;

import io.covey.core.event.CoveyEvent;
import io.covey.core.event.EventFilter;
import io.covey.core.event.EventListener;
import io.covey.core.event.GapEvent;
import io.covey.core.event.Subscription;

/**
 * A subscription to the host's event stream that survives dropped connections: it reconnects
 * with backoff and resumes with {@code since=<last seq>}, so the host replays exactly what was
 * missed. Delivery is serialized and only an event newer than the last one (or a gap) passes,
 * so nothing arrives twice or out of order, even while an old connection is still winding down.
 * Events reach the listener on the WebSocket's reading thread: a slow listener slows the
 * stream, and if the host gives up on it the subscription resumes where it stopped.
 */
final class RemoteSubscription implements Subscription {
    private static final System.Logger LOG = System.getLogger(RemoteSubscription.class.getName());

    private final WebSocketClient sockets;
    private final URI eventStream;
    private final WebSocketHttpHeaders headers;
    private final EventFilter filter;
    private final EventListener listener;
    private final ScheduledExecutorService scheduler;
    private final CoveyClientSettings settings;
    private final Object delivery = new Object();
    private final AtomicBoolean reconnectScheduled = new AtomicBoolean();
    private volatile long lastSeq;
    private volatile boolean closed;
    private volatile WebSocketSession session;
    /** The handler of the newest connection; callbacks of older ones are ignored. */
    private volatile Handler current;
    private volatile int failedAttempts;

    RemoteSubscription(WebSocketClient sockets, CoveyClientSettings settings, WebSocketHttpHeaders headers, EventFilter filter,
                       EventListener listener, ScheduledExecutorService scheduler, long since) {
        this.sockets = sockets;
        this.settings = settings;
        this.eventStream = settings.eventStreamUrl();
        this.headers = headers;
        this.filter = filter == null ? EventFilter.ALL : filter;
        this.listener = listener;
        this.scheduler = scheduler;
        this.lastSeq = since;
    }

    /** Opens the first connection; throws if the host cannot be reached, so a wrong URL shows at once. */
    void open() {
        connect();
    }

    private void connect() {
        URI url = EventStreamQuery.url(eventStream, filter, lastSeq);
        WebSocketSession opened;
        Handler handler = new Handler();
        current = handler;
        try {
            // The container's own IO timeout bounds the handshake too; this bounds the wait for it.
            opened = sockets.execute(handler, headers, url)
                    .get(settings.connectTimeout().toMillis() + 1000, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw CoveyClientException.unreachable(url, e);
        } catch (Exception e) {
            Throwable cause = e instanceof java.util.concurrent.ExecutionException && e.getCause() != null ? e.getCause() : e;
            throw CoveyClientException.unreachable(url, cause);
        }
        session = opened;
        if (closed) {
            closeQuietly(opened);
        }
    }

    private void deliver(CoveyEvent event) {
        synchronized (delivery) {
            if (closed || !(event instanceof GapEvent || event.seq() > lastSeq)) {
                return;
            }
            lastSeq = event.seq();
            try {
                listener.onEvent(event);
            } catch (RuntimeException | Error e) {
                // A listener's bug must not end its subscription.
                LOG.log(System.Logger.Level.WARNING, "event listener failed on event " + event.seq(), e);
            }
        }
    }

    private void connectionLost(Handler lost, String why) {
        if (closed || lost != current || !reconnectScheduled.compareAndSet(false, true)) {
            return;
        }
        scheduleReconnect(why);
    }

    private void scheduleReconnect(String why) {
        Duration delay = ReconnectBackoff.delay(failedAttempts, settings.reconnectInitial(), settings.reconnectMax());
        LOG.log(System.Logger.Level.INFO, "event stream lost (" + why + "); reconnecting in " + delay.toMillis()
                + " ms with since=" + lastSeq);
        try {
            scheduler.schedule(this::reconnect, delay.toMillis(), TimeUnit.MILLISECONDS);
        } catch (java.util.concurrent.RejectedExecutionException e) {
            closed = true; // the client was closed
        }
    }

    private void reconnect() {
        if (closed) {
            return;
        }
        try {
            reconnectScheduled.set(false);
            connect();
            failedAttempts = 0;
        } catch (RuntimeException e) {
            failedAttempts++;
            if (reconnectScheduled.compareAndSet(false, true)) {
                scheduleReconnect(e.getMessage());
            }
        }
    }

    @Override
    public long lastSeq() {
        return lastSeq;
    }

    @Override
    public boolean isClosed() {
        return closed;
    }

    @Override
    public void close() {
        closed = true;
        WebSocketSession current = session;
        if (current != null) {
            closeQuietly(current);
        }
    }

    private static void closeQuietly(WebSocketSession session) {
        try {
            session.close(CloseStatus.NORMAL);
        } catch (Exception ignored) {
            // already gone
        }
    }

    /** One connection's events; a new connection gets a new handler, so a late callback of an old one is recognized. */
    private final class Handler extends TextWebSocketHandler {
        @Override
        protected void handleTextMessage(WebSocketSession from, TextMessage message) {
            CoveyEvent event;
            try {
                event = HostApi.READER.readValue(message.getPayload(), CoveyEvent.class);
            } catch (RuntimeException e) {
                // An event this client does not understand (a newer host): skipped, not fatal.
                LOG.log(System.Logger.Level.WARNING, "skipping an unreadable event: " + e.getMessage());
                return;
            }
            deliver(event);
        }

        @Override
        public void afterConnectionClosed(WebSocketSession which, CloseStatus status) {
            connectionLost(this, "closed " + status);
        }

        @Override
        public void handleTransportError(WebSocketSession which, Throwable error) {
            closeQuietly(which);
            connectionLost(this, error.toString());
        }
    }
}
