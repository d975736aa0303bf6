package io.covey.host.events;

import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.springframework.context.SmartLifecycle;
import org.springframework.web.socket.CloseStatus;
import org.springframework.web.socket.PingMessage;
import org.springframework.web.socket.WebSocketSession;

/**
 * Pings every event session that was sent nothing for {@code interval}, and closes one whose
 * last ping was not answered within {@code interval}: a client whose machine vanished (no FIN, no
 * RST) would otherwise hold a session, a subscription and its buffer until TCP gave up, hours later.
 * A ping also keeps proxies and NATs from dropping a quiet stream.
 */
public final class EventSessionKeepAlive implements SmartLifecycle {
    private static final System.Logger LOG = System.getLogger(EventSessionKeepAlive.class.getName());

    private final Duration interval;
    private final Map<String, Tracked> sessions = new ConcurrentHashMap<>();
    private volatile ScheduledExecutorService timer;

    private static final class Tracked {
        final WebSocketSession session;
        volatile long lastSentNanos = System.nanoTime();
        volatile long pingSentNanos;
        volatile boolean awaitingPong;

        Tracked(WebSocketSession session) {
            this.session = session;
        }
    }

    public EventSessionKeepAlive(Duration interval) {
        this.interval = interval;
    }

    /** @param session the session as sends go to it (the bounded decorator), so a ping never races an event */
    void track(String id, WebSocketSession session) {
        sessions.put(id, new Tracked(session));
    }

    void untrack(String id) {
        sessions.remove(id);
    }

    void sent(String id) {
        Tracked tracked = sessions.get(id);
        if (tracked != null) {
            tracked.lastSentNanos = System.nanoTime();
        }
    }

    void pong(String id) {
        Tracked tracked = sessions.get(id);
        if (tracked != null) {
            tracked.awaitingPong = false;
        }
    }

    void tick() {
        long now = System.nanoTime();
        long limit = interval.toNanos();
        for (Tracked tracked : sessions.values()) {
            if (tracked.awaitingPong && now - tracked.pingSentNanos >= limit) {
                LOG.log(System.Logger.Level.INFO, "closing event session " + tracked.session.getId()
                        + ": no answer to a ping within " + interval);
                close(tracked.session);
            } else if (!tracked.awaitingPong && now - tracked.lastSentNanos >= limit) {
                ping(tracked, now);
            }
        }
    }

    private void ping(Tracked tracked, long now) {
        tracked.pingSentNanos = now;
        tracked.awaitingPong = true;
        try {
            tracked.session.sendMessage(new PingMessage(ByteBuffer.wrap(new byte[] {'c'})));
        } catch (Exception e) {
            close(tracked.session);
        }
    }

    private static void close(WebSocketSession session) {
        try {
            session.close(CloseStatus.SESSION_NOT_RELIABLE.withReason("no answer to a ping"));
        } catch (Exception ignored) {
            // already gone
        }
    }

    @Override
    public void start() {
        ScheduledExecutorService executor = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "covey-event-pings");
            thread.setDaemon(true);
            return thread;
        });
        long period = Math.max(10, interval.toMillis() / 2);
        executor.scheduleWithFixedDelay(this::tickSafely, period, period, TimeUnit.MILLISECONDS);
        timer = executor;
    }

    private void tickSafely() {
        try {
            tick();
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.WARNING, "pinging event sessions failed", e);
        }
    }

    @Override
    public void stop() {
        ScheduledExecutorService executor = timer;
        timer = null;
        if (executor != null) {
            executor.shutdownNow();
        }
    }

    @Override
    public boolean isRunning() {
        return timer != null;
    }
}
