package io.covey.host.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

import tools.jackson.databind.JsonNode;

/**
 * A worker's limits through the real host, as the README writes them: memory and CPU of a foreign
 * worker in its status JSON and in the meters, and a deadline that ends a worker FAILED, counted as
 * a crash of reason deadline.
 */
@SpringBootTest(classes = TestHostConfiguration.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"covey.worker.usage-sample-interval=200ms", "covey.worker.warm-pool.size=0"})
class HostWorkerLimitsTest {
    @LocalServerPort
    int port;

    private HttpJson api() {
        return new HttpJson(port, null);
    }

    @AfterEach
    void nuke() {
        for (JsonNode group : api().get("/api/v1/groups").json()) {
            api().delete("/api/v1/groups/" + group.get("name").asString());
        }
    }

    @Test
    void aForeignWorkersMemoryAndCpuAreInItsStatusJsonAndInTheMeters() {
        HttpJson api = api();
        assertThat(api.put("/api/v1/groups/usage", "{\"workers\":[{\"type\":\"ServiceWorker\",\"id\":\"measured\","
                + "\"params\":{\"name\":\"m\"}}]}").status()).isEqualTo(200);

        await().atMost(Duration.ofSeconds(30)).until(() -> api.get("/api/v1/workers/measured").json().has("cpuPercent"));

        JsonNode status = api.get("/api/v1/workers/measured").json();
        assertThat(status.get("memoryBytes").asLong()).isBetween(8L << 20, 2L << 30);
        assertThat(status.get("cpuPercent").asDouble()).isBetween(0.0, 800.0);
        JsonNode inGroup = api.get("/api/v1/groups/usage").json().get("workers").get(0);
        assertThat(inGroup.has("memoryBytes")).isTrue();
        await().atMost(Duration.ofSeconds(10)).until(() -> sample(api.get("/actuator/prometheus").body(),
                "covey_worker_memory_bytes{group=\"usage\",type=\"ServiceWorker\"}") > 8 << 20);
        assertThat(api.get("/actuator/prometheus").body()).contains("covey_worker_cpu_percent{group=\"usage\",type=\"ServiceWorker\"}");
    }

    @Test
    void theDeadlineEndsAWorkerFailedAndItsCrashIsCountedAsDeadline() {
        HttpJson api = api();
        assertThat(api.put("/api/v1/groups/bounded", "{\"workers\":[{\"type\":\"ServiceWorker\",\"id\":\"bounded\","
                + "\"params\":{\"name\":\"b\"},\"options\":{\"deadline\":\"1s\"}}]}").status()).isEqualTo(200);

        await().atMost(Duration.ofSeconds(30)).until(() -> "FAILED".equals(api.get("/api/v1/workers/bounded").json()
                .get("state").asString()));

        JsonNode status = api.get("/api/v1/workers/bounded").json();
        assertThat(status.get("message").asString()).isEqualTo("deadline: the run took longer than 1s (over 1 attempt); not restarted");
        assertThat(status.get("attempt").asInt()).isEqualTo(1);
        assertThat(status.has("memoryBytes")).isFalse();
        assertThat(sample(api.get("/actuator/prometheus").body(),
                "covey_worker_crashes_total{group=\"bounded\",reason=\"deadline\",type=\"ServiceWorker\"}")).isEqualTo(1);
    }

    private static double sample(String scrape, String series) {
        Matcher matcher = Pattern.compile("^" + Pattern.quote(series) + " (\\S+)$", Pattern.MULTILINE).matcher(scrape);
        return matcher.find() ? Double.parseDouble(matcher.group(1)) : -1;
    }
}
