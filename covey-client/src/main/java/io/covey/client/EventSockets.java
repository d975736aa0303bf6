package io.covey.client;

import java.util.Map;

import org.springframework.web.socket.client.WebSocketClient;
import org.springframework.web.socket.client.standard.StandardWebSocketClient;

import jakarta.websocket.ContainerProvider;
import jakarta.websocket.WebSocketContainer;

/** The WebSocket client of the event stream: Spring's standard client over a Jakarta WebSocket container. */
final class EventSockets {
    /** Tomcat's client reads its handshake and IO timeout from this user property, as text. */
    private static final String TOMCAT_IO_TIMEOUT = "org.apache.tomcat.websocket.IO_TIMEOUT_MS";
    /** Events with a large result or data payload must fit one message; the host bounds its bodies at 1 MiB. */
    private static final int MAX_EVENT_CHARS = 4 * 1024 * 1024;

    private EventSockets() {
    }

    static WebSocketClient client(CoveyClientSettings settings) {
        WebSocketContainer container = ContainerProvider.getWebSocketContainer();
        container.setDefaultMaxTextMessageBufferSize(MAX_EVENT_CHARS);
        StandardWebSocketClient client = new StandardWebSocketClient(container);
        client.setUserProperties(Map.of(TOMCAT_IO_TIMEOUT, String.valueOf(settings.connectTimeout().toMillis())));
        return client;
    }
}
