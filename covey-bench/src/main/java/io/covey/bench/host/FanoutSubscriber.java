package io.covey.bench.host;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * One {@code /ws/events} subscriber of the fan-out scenario. Per message it only finds the
 * publisher's {@code "t"} stamp (no JSON parse), so the receiving side costs as little as it can.
 */
final class FanoutSubscriber implements WebSocket.Listener {
    private final long[] latencyNanos;
    private final StringBuilder partial = new StringBuilder();
    private final CompletableFuture<Void> done = new CompletableFuture<>();
    private volatile int received;
    private volatile long firstPublished;
    private volatile long lastReceived;
    private volatile String closedWith;
    private WebSocket socket;

    FanoutSubscriber(int expected) {
        latencyNanos = new long[expected];
    }

    void connect(int port, String group) {
        socket = HttpClient.newHttpClient().newWebSocketBuilder().connectTimeout(Duration.ofSeconds(30))
                .buildAsync(URI.create("ws://127.0.0.1:" + port + "/ws/events?types=data&group=" + group), this).join();
    }

    @Override
    public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
        partial.append(data);
        if (last) {
            long now = System.nanoTime();
            int at = partial.indexOf("\"t\":");
            if (at >= 0 && received < latencyNanos.length) {
                int end = at + 4;
                while (end < partial.length() && Character.isDigit(partial.charAt(end))) {
                    end++;
                }
                long published = Long.parseLong(partial, at + 4, end, 10);
                if (received == 0) {
                    firstPublished = published;
                }
                latencyNanos[received] = now - published;
                received++;
                lastReceived = now;
                if (received == latencyNanos.length) {
                    done.complete(null);
                }
            }
            partial.setLength(0);
        }
        return null;
    }

    @Override
    public void onOpen(WebSocket webSocket) {
        // No back-pressure from the receiving end: a request(1) per message made the JDK client,
        // not the host, the bottleneck. The listener only copies and stamps.
        webSocket.request(Long.MAX_VALUE);
    }

    @Override
    public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
        closedWith = statusCode + " " + reason;
        done.complete(null);
        return null;
    }

    @Override
    public void onError(WebSocket webSocket, Throwable error) {
        closedWith = error.toString();
        done.complete(null);
    }

    CompletableFuture<Void> done() {
        return done;
    }

    int received() {
        return received;
    }

    /** Events per second from the first event's publication to the last receipt. */
    double rate() {
        return received < 2 ? 0 : received / ((lastReceived - firstPublished) / 1e9);
    }

    double p99Millis() {
        long[] sorted = java.util.Arrays.copyOf(latencyNanos, received);
        java.util.Arrays.sort(sorted);
        return sorted.length == 0 ? Double.NaN : sorted[Math.max(0, (int) Math.ceil(0.99 * sorted.length) - 1)] / 1e6;
    }

    double p50Millis() {
        long[] sorted = java.util.Arrays.copyOf(latencyNanos, received);
        java.util.Arrays.sort(sorted);
        return sorted.length == 0 ? Double.NaN : sorted[sorted.length / 2] / 1e6;
    }

    String closedWith() {
        return closedWith;
    }

    void close() {
        if (socket != null) {
            socket.abort();
        }
    }
}
