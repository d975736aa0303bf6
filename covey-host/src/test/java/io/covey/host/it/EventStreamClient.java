package io.covey.host.it;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;

import io.covey.core.event.CoveyEvent;
import io.covey.core.json.CoveyJson;

/** A plain WebSocket client of /ws/events that keeps every event it reads. */
final class EventStreamClient implements WebSocket.Listener, AutoCloseable {
    private final List<CoveyEvent> events = new java.util.ArrayList<>();
    final CompletableFuture<Integer> closed = new CompletableFuture<>();
    private final StringBuilder partial = new StringBuilder();
    private final boolean reads;
    private WebSocket socket;

    private EventStreamClient(boolean reads) {
        this.reads = reads;
    }

    static EventStreamClient connect(int port, String query) {
        return open(port, query, true);
    }

    /** A client that reads the first message and then never again. */
    static EventStreamClient connectWithoutReading(int port, String query) {
        return open(port, query, false);
    }

    private static EventStreamClient open(int port, String query, boolean reads) {
        EventStreamClient client = new EventStreamClient(reads);
        try {
            client.socket = HttpClient.newHttpClient().newWebSocketBuilder()
                    .buildAsync(URI.create("ws://127.0.0.1:" + port + "/ws/events" + (query.isEmpty() ? "" : "?" + query)), client)
                    .get(10, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
        return client;
    }

    @Override
    public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
        partial.append(data);
        if (last) {
            CoveyEvent event = CoveyJson.mapper().readValue(partial.toString(), CoveyEvent.class);
            synchronized (events) {
                events.add(event);
            }
            partial.setLength(0);
        }
        if (reads) {
            webSocket.request(1);
        }
        return null;
    }

    @Override
    public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
        closed.complete(statusCode);
        return null;
    }

    @Override
    public void onError(WebSocket webSocket, Throwable error) {
        closed.complete(-1);
    }

    /** A copy of what was read so far. */
    List<CoveyEvent> events() {
        synchronized (events) {
            return List.copyOf(events);
        }
    }

    int count() {
        synchronized (events) {
            return events.size();
        }
    }

    long lastSeq() {
        synchronized (events) {
            return events.isEmpty() ? 0 : events.get(events.size() - 1).seq();
        }
    }

    @Override
    public void close() {
        if (socket != null && !socket.isOutputClosed()) {
            socket.sendClose(WebSocket.NORMAL_CLOSURE, "bye");
        }
        if (socket != null) {
            socket.abort();
        }
    }
}
