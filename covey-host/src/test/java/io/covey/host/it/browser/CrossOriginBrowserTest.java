package io.covey.host.it.browser;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.support.ui.WebDriverWait;

import com.sun.net.httpserver.HttpServer;

import tools.jackson.databind.JsonNode;

/**
 * A web page of another origin (another port of 127.0.0.1), open in a real browser on the host's
 * machine, tries what browsers let any page do without a preflight: a no-cors POST, a text/plain
 * JSON body, a form POST, a cross-origin WebSocket; and what needs one (DELETE, PUT with JSON).
 * The tokenless host must change nothing, and must have seen and refused the ones that reached it.
 */
class CrossOriginBrowserTest {
    private static Chromium chromium;
    private static DashboardHost host;
    private static HttpServer attacker;

    @BeforeAll
    static void start() throws Exception {
        chromium = Chromium.start();
        host = DashboardHost.start(null);
        attacker = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        attacker.createContext("/attack.html", exchange -> {
            byte[] page = attackPage("http://127.0.0.1:" + host.port).getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", "text/html; charset=utf-8");
            exchange.sendResponseHeaders(200, page.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(page);
            }
        });
        attacker.start();
    }

    @AfterAll
    static void stop() {
        try {
            if (attacker != null) {
                attacker.stop(0);
            }
            if (chromium != null) {
                chromium.close();
            }
        } finally {
            if (host != null) {
                host.close();
            }
        }
    }

    @Test
    void aPageOfAnotherOriginChangesNothing() throws IOException {
        host.runGroup("victims", "serving", "victim-1");
        org.awaitility.Awaitility.await().until(() -> "RUNNING".equals(
                host.api.get("/api/v1/workers/victim-1").json().get("state").asString()));
        JsonNode before = host.api.get("/api/v1/groups").json();
        double refusedBefore = refused(403) + refused(415);

        chromium.driver.get("http://127.0.0.1:" + attacker.getAddress().getPort() + "/attack.html");
        new WebDriverWait(chromium.driver, Duration.ofSeconds(30))
                .until(d -> Boolean.TRUE.equals(chromium.driver.executeScript("return window.attackDone === true")));
        @SuppressWarnings("unchecked")
        Map<String, Object> outcomes = (Map<String, Object>) chromium.driver.executeScript("return window.outcomes");

        assertThat(host.api.get("/api/v1/groups").json()).isEqualTo(before);
        assertThat(host.api.get("/api/v1/workers/victim-1").json().get("attempt").asInt()).isEqualTo(1);
        // The browser could not read a single answer, and the event stream never opened.
        assertThat(outcomes.get("ws")).isEqualTo("refused");
        assertThat(outcomes.get("delete")).isEqualTo("blocked");
        assertThat(outcomes.get("put")).isEqualTo("blocked");
        // The simple requests did reach the host, which refused them: no-cors stop, text/plain add, form stop, the handshake.
        org.awaitility.Awaitility.await().untilAsserted(() ->
                assertThat(refused(403) + refused(415) - refusedBefore).isGreaterThanOrEqualTo(4));
        host.api.delete("/api/v1/groups/victims");
    }

    /** Requests the host answered with this status, from its own request meter. */
    private static double refused(int status) {
        HttpJsonMeasurement measurement = new HttpJsonMeasurement(host.api.get("/actuator/metrics/http.server.requests?tag=status:" + status));
        return measurement.count();
    }

    private record HttpJsonMeasurement(io.covey.host.it.HttpJson.Response response) {
        double count() {
            if (response.status() == 404) {
                return 0; // no request with that status yet
            }
            for (JsonNode m : response.json().get("measurements")) {
                if (m.get("statistic").asString().equals("COUNT")) {
                    return m.get("value").asDouble();
                }
            }
            return 0;
        }
    }

    private static String attackPage(String target) {
        String spec = "{\"workers\":[{\"type\":\"PokeableWorker\",\"id\":\"planted\",\"params\":{\"name\":\"planted\",\"message\":\"x\"}}]}";
        return """
                <!doctype html><html><body>
                <iframe name="sink" id="sink"></iframe>
                <form id="form" method="post" target="sink" enctype="text/plain" action="TARGET/api/v1/groups/victims/stop">
                  <input name='{"workers":[]}' value="">
                </form>
                <script>
                const target = 'TARGET';
                window.outcomes = {};
                const settle = (name, promise) => promise.then(() => 'sent', () => 'blocked').then(v => window.outcomes[name] = v);
                const socket = new Promise(resolve => {
                  const ws = new WebSocket(target.replace('http', 'ws') + '/ws/events');
                  ws.onopen = () => { window.outcomes.ws = 'opened'; resolve(); };
                  ws.onerror = () => { window.outcomes.ws = 'refused'; resolve(); };
                });
                const form = new Promise(resolve => {
                  document.getElementById('sink').onload = () => { window.outcomes.form = 'sent'; resolve(); };
                  document.getElementById('form').submit();
                });
                Promise.all([
                  settle('stop', fetch(target + '/api/v1/groups/victims/stop', {method: 'POST', mode: 'no-cors'})),
                  settle('add', fetch(target + '/api/v1/groups/victims/workers', {method: 'POST', mode: 'no-cors',
                      headers: {'Content-Type': 'text/plain'}, body: 'SPEC'})),
                  settle('delete', fetch(target + '/api/v1/groups/victims', {method: 'DELETE'})),
                  settle('put', fetch(target + '/api/v1/groups/victims', {method: 'PUT',
                      headers: {'Content-Type': 'application/json'}, body: 'SPEC'})),
                  socket, form
                ]).then(() => window.attackDone = true);
                </script></body></html>
                """.replace("TARGET", target).replace("SPEC", spec.replace("\"", "\\\""));
    }
}
