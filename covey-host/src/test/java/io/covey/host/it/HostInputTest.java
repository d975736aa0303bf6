package io.covey.host.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.http.HttpRequest;
import java.util.List;
import java.util.stream.StreamSupport;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

import tools.jackson.databind.JsonNode;

/** {@code POST /api/v1/workers/{id}/input} on a real host: JSON and bytes, the refusals as typed problems. */
@SpringBootTest(classes = TestHostConfiguration.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"covey.host.worker-defaults.foreign=false", "covey.host.worker-defaults.stop-timeout=2s",
                "covey.host.input-queue=5"})
class HostInputTest {
    @LocalServerPort
    int port;
    HttpJson api;

    @BeforeEach
    void client() {
        api = new HttpJson(port, null);
    }

    @AfterEach
    void cleanUp() {
        api.delete("/api/v1/groups/in");
    }

    private void declare(String workersJson) {
        assertThat(api.put("/api/v1/groups/in", "{\"workers\":[" + workersJson + "]}").status()).isEqualTo(200);
    }

    private void awaitRunning(String id) {
        await().until(() -> api.get("/api/v1/workers/" + id).json().get("state").asString().equals("RUNNING"));
    }

    private HttpJson.Response postBytes(String id, byte[] bytes, String contentType) {
        return api.send(api.builder("/api/v1/workers/" + id + "/input").POST(HttpRequest.BodyPublishers.ofByteArray(bytes))
                .header("Content-Type", contentType));
    }

    private List<String> workerLines(String id) {
        return StreamSupport.stream(api.get("/api/v1/workers/" + id + "/logs?tail=100").json().spliterator(), false)
                .filter(l -> l.get("stream").asString().equals("worker")).map(l -> l.get("line").asString()).toList();
    }

    @Test
    void jsonAndBytesAreAcceptedWith202AndReachTheWorkerInOrder() {
        declare("{\"type\":\"InputSinkWorker\",\"id\":\"sink\",\"params\":{\"name\":\"sink\"}}");
        awaitRunning("sink");

        HttpJson.Response first = api.post("/api/v1/workers/sink/input", "{\"say\":\"hi\"}");
        assertThat(first.status()).isEqualTo(202);
        assertThat(first.json().get("worker").asString()).isEqualTo("sink");
        assertThat(first.json().get("attempt").asInt()).isEqualTo(1);
        assertThat(api.post("/api/v1/workers/sink/input", "\"plain text\"").status()).isEqualTo(202);
        assertThat(postBytes("sink", new byte[] {0, 10, (byte) 0x80, (byte) 0xff}, "application/octet-stream").status()).isEqualTo(202);
        assertThat(api.post("/api/v1/workers/sink/input", "null").status()).isEqualTo(202);

        await().untilAsserted(() -> assertThat(workerLines("sink"))
                .containsExactly("json {\"say\":\"hi\"}", "json \"plain text\"", "bytes 000a80ff", "json null"));
    }

    @Test
    void refusalsAreTypedProblems_409ForNoInputOrNotRunning_429WhenTheQueueIsFull_andNothingIsQueued() {
        declare("{\"type\":\"InputSinkWorker\",\"id\":\"slow\",\"params\":{\"name\":\"slow\",\"holdMs\":60000}},"
                + "{\"type\":\"ServiceWorker\",\"id\":\"svc\",\"params\":{\"name\":\"s\"}}");
        awaitRunning("slow");
        awaitRunning("svc");

        HttpJson.Response noInput = api.post("/api/v1/workers/svc/input", "{}");
        assertThat(noInput.status()).isEqualTo(409);
        assertThat(noInput.json().get("type").asString()).isEqualTo("urn:covey:problem:input-not-accepted");
        assertThat(noInput.json().get("detail").asString()).contains("does not override onInput");

        for (int i = 0; i < 5; i++) {
            assertThat(api.post("/api/v1/workers/slow/input", "{\"n\":" + i + "}").json().get("pending").asInt()).isEqualTo(i + 1);
        }
        HttpJson.Response full = api.post("/api/v1/workers/slow/input", "{\"n\":5}");
        assertThat(full.status()).isEqualTo(429);
        assertThat(full.contentType()).startsWith("application/problem+json");
        assertThat(full.json().get("type").asString()).isEqualTo("urn:covey:problem:input-queue-full");
        assertThat(full.json().get("inputQueue").asInt()).isEqualTo(5);
        assertThat(full.headers().firstValue("Retry-After")).contains("1");
        assertThat(workerLines("slow")).containsExactly("json {\"n\":0}"); // the first is held; none was added by the refusal

        JsonNode missing = api.post("/api/v1/workers/nobody/input", "{}").json();
        assertThat(missing.get("type").asString()).isEqualTo("urn:covey:problem:not-found");
        assertThat(postBytes("svc", "x".getBytes(), "text/plain").json().get("type").asString())
                .isEqualTo("urn:covey:problem:unsupported-media-type");
        assertThat(api.post("/api/v1/workers/slow/input", "{broken").json().get("type").asString())
                .isEqualTo("urn:covey:problem:invalid-json");

        api.post("/api/v1/groups/in/stop", null);
        await().until(() -> api.get("/api/v1/workers/slow").json().get("state").asString().equals("STOPPED"));
        HttpJson.Response stopped = api.post("/api/v1/workers/slow/input", "{}");
        assertThat(stopped.status()).isEqualTo(409);
        assertThat(stopped.json().get("detail").asString()).isEqualTo("worker 'slow' is STOPPED; input is taken only while it is RUNNING");
    }

    @Test
    void bytesAreRefusedOnEveryOtherRoute() {
        assertThat(api.send(api.builder("/api/v1/groups/in").PUT(HttpRequest.BodyPublishers.ofByteArray(new byte[] {1}))
                .header("Content-Type", "application/octet-stream")).status()).isEqualTo(415);
    }
}
