package io.covey.host.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

import io.covey.core.event.CoveyEvent;
import io.covey.core.event.HealthEvent;
import io.covey.core.event.LifecycleEvent;
import io.covey.core.lifecycle.WorkerState;
import io.covey.engine.testworkers.GatedWorker;
import tools.jackson.databind.JsonNode;

/** Sequencing and health over real HTTP: refusals, readiness, and a foreign worker's failing health check. */
@SpringBootTest(classes = SequencingHostConfiguration.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class HostSequencingTest {
    @LocalServerPort
    int port;
    HttpJson api;

    @BeforeEach
    void client() {
        api = new HttpJson(port, null);
    }

    private String state(String id) {
        return api.get("/api/v1/workers/" + id).json().get("state").asString();
    }

    @Test
    void aCycleOrAMissingDependencyIsA400ThatNamesItAndStartsNothing() {
        HttpJson.Response cycle = api.put("/api/v1/groups/cyclic", """
                {"workers":[{"type":"ServiceWorker","id":"a","params":{"name":"a"},"dependsOn":["b"],"options":{"foreign":false}},
                            {"type":"ServiceWorker","id":"b","params":{"name":"b"},"dependsOn":[{"id":"a","condition":"running"}],"options":{"foreign":false}}]}""");
        HttpJson.Response missing = api.put("/api/v1/groups/dangling", """
                {"workers":[{"type":"ServiceWorker","id":"c","params":{"name":"c"},"dependsOn":["nowhere"],"options":{"foreign":false}}]}""");

        assertThat(cycle.status()).as(cycle.body()).isEqualTo(400);
        assertThat(cycle.contentType()).startsWith("application/problem+json");
        assertThat(cycle.json().get("detail").asString()).contains("dependsOn forms a cycle: a → b → a");
        assertThat(missing.status()).as(missing.body()).isEqualTo(400);
        assertThat(missing.json().get("detail").asString()).contains("'c' depends on 'nowhere'");
        assertThat(api.get("/api/v1/groups").json()).isEmpty();
        assertThat(api.get("/api/v1/workers/a").status()).isEqualTo(404);
    }

    @Test
    void readinessIsUpOnlyWhileEveryCriticalWorkerRunsOrCompleted() {
        String gate = "ready-" + System.nanoTime();
        assertThat(api.get("/actuator/health/readiness").status()).isEqualTo(200);
        api.put("/api/v1/groups/ready", """
                {"workers":[{"type":"GatedWorker","id":"core","params":{"gate":"%s"},"options":{"foreign":false,"critical":true}},
                            {"type":"CountdownJob","id":"warmup","params":{"from":1},"options":{"foreign":false,"critical":true}},
                            {"type":"ServiceWorker","id":"extra","params":{"name":"x"},"dependsOn":["core"],"options":{"foreign":false}}]}"""
                .formatted(gate));
        await().until(() -> state("warmup").equals("COMPLETED") && state("core").equals("STARTING"));
        assertThat(api.get("/actuator/health/readiness").status()).isEqualTo(503);
        assertThat(api.get("/actuator/health").status()).as("a starting worker is not a broken host").isEqualTo(200);

        GatedWorker.open(gate);
        await().until(() -> state("extra").equals("RUNNING"));
        assertThat(api.get("/actuator/health/readiness").status()).isEqualTo(200);

        // A non-critical worker that FAILED makes the host unhealthy, but not unready.
        api.post("/api/v1/groups/ready/workers", """
                {"workers":[{"type":"CrashingWorker","id":"loose","options":{"foreign":false,"restartLimit":1}}]}""");
        await().until(() -> state("loose").equals("FAILED"));
        assertThat(api.get("/actuator/health").status()).isEqualTo(503);
        assertThat(api.get("/actuator/health/readiness").status()).isEqualTo(200);

        api.delete("/api/v1/groups/ready");
        await().until(() -> api.get("/api/v1/groups").json().isEmpty());
    }

    @Test
    void aForeignWorkerWhoseHealthCheckFailsIsRestartedAsUnhealthy(@TempDir Path flags) throws Exception {
        try (EventStreamClient stream = EventStreamClient.connect(port, "worker=probe&types=health,lifecycle")) {
            api.put("/api/v1/groups/probed", """
                    {"workers":[{"type":"HealthProbeWorker","id":"probe","params":{"flagDir":"%s"},
                                 "options":{"healthInterval":"200ms","healthTimeout":"5s","healthFailures":3}}]}"""
                    .formatted(flags.toString().replace("\\", "\\\\")));
            await().atMost(Duration.ofSeconds(30)).until(() -> {
                JsonNode worker = api.get("/api/v1/workers/probe").json();
                return worker.has("health") && worker.get("health").get("healthy").asBoolean();
            });
            long firstPid = api.get("/api/v1/workers/probe").json().get("pid").asLong();
            assertThat(api.get("/api/v1/workers/probe").json().get("foreign").asBoolean()).isTrue();

            Files.createFile(flags.resolve("fail"));
            await().atMost(Duration.ofSeconds(30)).until(() -> api.get("/api/v1/workers/probe").json().get("restarts").asInt() >= 1);
            Files.delete(flags.resolve("fail"));

            await().atMost(Duration.ofSeconds(30)).until(() -> stream.events().stream().anyMatch(e ->
                    e instanceof LifecycleEvent l && l.state() == WorkerState.RUNNING && l.attempt() == 2));
            List<CoveyEvent> events = stream.events();
            assertThat(events).filteredOn(e -> e instanceof HealthEvent h && !h.healthy() && h.attempt() == 1)
                    .hasSize(3).allMatch(e -> "the fail flag is set".equals(((HealthEvent) e).message()));
            assertThat(events).filteredOn(e -> e instanceof LifecycleEvent l && l.state() == WorkerState.CRASHED)
                    .extracting(e -> ((LifecycleEvent) e).message())
                    .containsExactly("unhealthy: 3 health checks failed in a row (last: the fail flag is set)");
            await().until(() -> !ProcessHandle.of(firstPid).map(ProcessHandle::isAlive).orElse(false));
            JsonNode details = api.get("/actuator/health").json().get("components").get("covey").get("details");
            assertThat(details.get("health").get("probe").get("healthy").isBoolean()).isTrue();

            long secondPid = api.get("/api/v1/workers/probe").json().get("pid").asLong();
            api.delete("/api/v1/groups/probed");
            await().atMost(Duration.ofSeconds(30)).until(() -> api.get("/api/v1/groups").json().isEmpty()
                    && !ProcessHandle.of(secondPid).map(ProcessHandle::isAlive).orElse(false));
        }
    }
}
