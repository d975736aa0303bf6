package io.covey.host.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

/** With a token set, nothing of the API or the event stream is open without it. */
@SpringBootTest(classes = TestHostConfiguration.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"covey.host.worker-defaults.foreign=false", "covey.host.api-token=s3cret-token-value",
                "server.address=127.0.0.1"})
class HostAuthTest {
    static final String TOKEN = "s3cret-token-value";

    @LocalServerPort
    int port;

    @ParameterizedTest
    @ValueSource(strings = {"", "wrong", "s3cret", "s3cret-token-valu", "s3cret-token-value-and-more"})
    void aMissingEmptyWrongOrPrefixTokenIs401(String token) {
        HttpJson api = new HttpJson(port, token.isEmpty() ? null : token);
        HttpJson.Response response = api.get("/api/v1/groups");
        assertThat(response.status()).isEqualTo(401);
        assertThat(response.headers().firstValue("WWW-Authenticate")).hasValueSatisfying(v -> assertThat(v).startsWith("Bearer"));
        assertThat(response.contentType()).startsWith("application/problem+json");
        assertThat(api.put("/api/v1/groups/g", "{\"workers\":[]}").status()).isEqualTo(401);
    }

    @Test
    void anEmptyBearerIs401() {
        HttpJson api = new HttpJson(port, null);
        HttpJson.Response response = api.send(api.builder("/api/v1/groups").header("Authorization", "Bearer ").GET());
        assertThat(response.status()).isEqualTo(401);
    }

    @Test
    void theRightTokenIsLetIn() {
        HttpJson api = new HttpJson(port, TOKEN);
        assertThat(api.get("/api/v1/groups").status()).isEqualTo(200);
    }

    @Test
    void healthIsAnonymousButShowsDetailsOnlyWithTheToken() {
        HttpJson.Response anonymous = new HttpJson(port, null).get("/actuator/health");
        assertThat(anonymous.status()).isEqualTo(200);
        assertThat(anonymous.json().has("components")).isFalse();
        HttpJson.Response authorized = new HttpJson(port, TOKEN).get("/actuator/health");
        assertThat(authorized.json().get("components").has("covey")).isTrue();
    }

    @Test
    void theWebSocketHandshakeNeedsTheToken() throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        URI uri = URI.create("ws://127.0.0.1:" + port + "/ws/events");
        assertThat(handshakeStatus(() -> http.newWebSocketBuilder().buildAsync(uri, new WebSocket.Listener() { }).join()))
                .isEqualTo(401);

        WebSocket open = http.newWebSocketBuilder().header("Authorization", "Bearer " + TOKEN)
                .buildAsync(uri, new WebSocket.Listener() { }).get(10, TimeUnit.SECONDS);
        open.sendClose(WebSocket.NORMAL_CLOSURE, "bye").get(5, TimeUnit.SECONDS);
    }

    @Test
    void aForeignOriginIsRefusedAtTheHandshake() {
        HttpClient http = HttpClient.newHttpClient();
        URI uri = URI.create("ws://127.0.0.1:" + port + "/ws/events");
        assertThat(handshakeStatus(() -> http.newWebSocketBuilder().header("Authorization", "Bearer " + TOKEN)
                .header("Origin", "https://evil.example").buildAsync(uri, new WebSocket.Listener() { }).join()))
                .isEqualTo(403);
    }

    /** The HTTP status of a refused handshake. */
    static int handshakeStatus(Runnable connect) {
        try {
            connect.run();
        } catch (CompletionException e) {
            if (e.getCause() instanceof java.net.http.WebSocketHandshakeException refused) {
                return refused.getResponse().statusCode();
            }
            throw e;
        }
        throw new AssertionError("the handshake was accepted");
    }
}
