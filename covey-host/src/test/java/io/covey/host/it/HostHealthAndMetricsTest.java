package io.covey.host.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

import tools.jackson.databind.JsonNode;

/** The covey health component and Covey's meters, over real HTTP. */
@SpringBootTest(classes = TestHostConfiguration.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"covey.host.worker-defaults.foreign=false", "covey.host.worker-defaults.backoff-initial=10ms",
                "covey.host.worker-defaults.backoff-max=20ms"})
class HostHealthAndMetricsTest {
    @LocalServerPort
    int port;

    @Test
    void healthIsDownWhileAWorkerIsFailedAndUpOtherwiseWithDetails() {
        HttpJson api = new HttpJson(port, null);
        api.put("/api/v1/groups/healthy", "{\"workers\":[{\"type\":\"ServiceWorker\",\"id\":\"fine\",\"params\":{\"name\":\"a\"}}]}");
        await().until(() -> api.get("/api/v1/workers/fine").json().get("state").asString().equals("RUNNING"));
        JsonNode up = api.get("/actuator/health").json();
        assertThat(up.get("status").asString()).isEqualTo("UP");
        JsonNode covey = up.get("components").get("covey");
        assertThat(covey.get("status").asString()).isEqualTo("UP");
        assertThat(covey.get("details").get("states").get("RUNNING").asInt()).isEqualTo(1);
        assertThat(covey.get("details").get("groups").get("healthy").get("RUNNING").asInt()).isEqualTo(1);

        api.put("/api/v1/groups/broken", "{\"workers\":[{\"type\":\"CrashingWorker\",\"id\":\"doomed\",\"options\":{\"restartLimit\":3}}]}");
        await().until(() -> api.get("/api/v1/workers/doomed").json().get("state").asString().equals("FAILED"));
        HttpJson.Response down = api.get("/actuator/health");
        assertThat(down.status()).isEqualTo(503);
        assertThat(down.json().get("components").get("covey").get("status").asString()).isEqualTo("DOWN");
        assertThat(down.json().get("components").get("covey").get("details").get("reason").asString()).contains("1 worker(s) FAILED");

        api.delete("/api/v1/groups/broken");
        await().until(() -> api.get("/actuator/health").json().get("status").asString().equals("UP"));
        api.delete("/api/v1/groups/healthy");
    }

    @Test
    void metricsAreVisibleAtTheMetricsEndpointAndForPrometheus() {
        HttpJson api = new HttpJson(port, null);
        api.put("/api/v1/groups/metered", "{\"workers\":[{\"type\":\"ServiceWorker\",\"id\":\"m1\",\"params\":{\"name\":\"m\"}},"
                + "{\"type\":\"CrashingWorker\",\"id\":\"m2\",\"options\":{\"restartLimit\":2}}]}");
        await().until(() -> api.get("/api/v1/workers/m2").json().get("state").asString().equals("FAILED")
                && api.get("/api/v1/workers/m1").json().get("state").asString().equals("RUNNING"));

        await().untilAsserted(() -> {
            assertThat(measurement(api, "covey.worker.starts")).isGreaterThanOrEqualTo(3);
            assertThat(measurement(api, "covey.worker.crashes")).isGreaterThanOrEqualTo(2);
            assertThat(measurement(api, "covey.worker.restarts")).isGreaterThanOrEqualTo(1);
            assertThat(measurement(api, "covey.events.published")).isPositive();
        });
        assertThat(api.get("/actuator/metrics/covey.workers?tag=state:RUNNING").status()).isEqualTo(200);
        assertThat(api.get("/actuator/metrics/covey.worker.spawn").json().get("measurements").get(0).get("value").asDouble()).isPositive();
        assertThat(api.get("/actuator/metrics/covey.events.subscribers").status()).isEqualTo(200);

        String prometheus = api.get("/actuator/prometheus").body();
        assertThat(prometheus).contains("covey_workers{", "state=\"FAILED\"", "covey_worker_starts_total", "covey_worker_crashes_total",
                "covey_worker_restarts_total", "covey_worker_spawn_seconds_count", "covey_events_published_total", "covey_events_subscribers");
        api.delete("/api/v1/groups/metered");
    }

    private static double measurement(HttpJson api, String name) {
        return api.get("/actuator/metrics/" + name).json().get("measurements").get(0).get("value").asDouble();
    }
}
