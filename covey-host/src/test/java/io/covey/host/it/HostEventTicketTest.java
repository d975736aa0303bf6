package io.covey.host.it;

import static io.covey.host.it.HostAuthTest.handshakeStatus;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

/** A browser opens the event stream with a single-use ticket bought with its token, never with the token in the URL. */
@SpringBootTest(classes = TestHostConfiguration.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"covey.host.worker-defaults.foreign=false", "covey.host.api-token=" + HostAuthTest.TOKEN,
                "server.address=127.0.0.1"})
class HostEventTicketTest {
    @LocalServerPort
    int port;

    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    void aTicketNeedsTheToken() {
        assertThat(new HttpJson(port, null).post("/api/v1/event-tickets", null).status()).isEqualTo(401);
        assertThat(new HttpJson(port, "wrong").post("/api/v1/event-tickets", null).status()).isEqualTo(401);
    }

    @Test
    void aTicketOpensTheEventStreamOnceOnly() throws Exception {
        HttpJson.Response issued = new HttpJson(port, HostAuthTest.TOKEN).post("/api/v1/event-tickets", null);
        assertThat(issued.status()).isEqualTo(201);
        assertThat(issued.headers().firstValue("Cache-Control")).hasValue("no-store");
        assertThat(issued.json().get("expiresInSeconds").asLong()).isEqualTo(30);
        String ticket = issued.json().get("ticket").asString();

        WebSocket open = http.newWebSocketBuilder().buildAsync(eventsWithTicket(ticket), new WebSocket.Listener() { })
                .get(10, TimeUnit.SECONDS);
        open.sendClose(WebSocket.NORMAL_CLOSURE, "bye").get(5, TimeUnit.SECONDS);

        assertThat(handshakeStatus(() -> http.newWebSocketBuilder()
                .buildAsync(eventsWithTicket(ticket), new WebSocket.Listener() { }).join())).isEqualTo(401);
    }

    @Test
    void anUnknownTicketIsRefused() {
        assertThat(handshakeStatus(() -> http.newWebSocketBuilder()
                .buildAsync(eventsWithTicket("made-up-ticket"), new WebSocket.Listener() { }).join())).isEqualTo(401);
    }

    @Test
    void aTicketOpensNothingButTheEventStream() {
        HttpJson api = new HttpJson(port, HostAuthTest.TOKEN);
        String ticket = api.post("/api/v1/event-tickets", null).json().get("ticket").asString();
        assertThat(new HttpJson(port, null).get("/api/v1/groups?ticket=" + ticket).status()).isEqualTo(401);
    }

    @Test
    void theDashboardItselfIsServedWithoutTheToken() {
        HttpJson.Response page = new HttpJson(port, null).get("/");
        assertThat(page.status()).isEqualTo(200);
        assertThat(page.contentType()).startsWith("text/html");
    }

    private URI eventsWithTicket(String ticket) {
        return URI.create("ws://127.0.0.1:" + port + "/ws/events?since=0&ticket=" + ticket);
    }
}
