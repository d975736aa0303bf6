package io.covey.host.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

import io.covey.host.events.EventStreamHandler;

/** Idle event sessions are pinged; one that answers stays, one whose peer is gone (no pong) is closed. */
@SpringBootTest(classes = TestHostConfiguration.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"covey.host.worker-defaults.foreign=false", "covey.host.events.ping-interval=300ms"})
class HostEventPingTest {
    @LocalServerPort
    int port;
    @Autowired
    EventStreamHandler handler;

    @Test
    void anAnsweringSessionIsPingedAndKeptADeadOneIsDropped() throws Exception {
        AtomicInteger pings = new AtomicInteger();
        AtomicInteger closes = new AtomicInteger();
        WebSocket alive = HttpClient.newHttpClient().newWebSocketBuilder()
                .buildAsync(URI.create("ws://127.0.0.1:" + port + "/ws/events"), new WebSocket.Listener() {
                    @Override
                    public CompletionStage<?> onPing(WebSocket webSocket, ByteBuffer message) {
                        pings.incrementAndGet();
                        return WebSocket.Listener.super.onPing(webSocket, message); // the JDK answers with a pong
                    }

                    @Override
                    public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
                        closes.incrementAndGet();
                        return null;
                    }
                }).join();
        await().until(() -> handler.sessionCount() == 1);

        // A peer that completes the handshake and then neither reads nor answers anything.
        try (Socket dead = new Socket("127.0.0.1", port)) {
            dead.getOutputStream().write(("GET /ws/events HTTP/1.1\r\nHost: 127.0.0.1:" + port + "\r\nUpgrade: websocket\r\n"
                    + "Connection: Upgrade\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n\r\n")
                    .getBytes(StandardCharsets.ISO_8859_1));
            await().until(() -> handler.sessionCount() == 2);

            await().atMost(Duration.ofSeconds(20)).until(() -> handler.sessionCount() == 1);
        }
        await().atMost(Duration.ofSeconds(20)).until(() -> pings.get() >= 3);
        assertThat(closes.get()).isZero();
        assertThat(handler.sessionCount()).isEqualTo(1);
        alive.sendClose(WebSocket.NORMAL_CLOSURE, "done").join();
    }
}
