package io.covey.host.it.packaged;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.covey.core.json.CoveyJson;
import io.covey.host.it.HttpJson;
import tools.jackson.databind.JsonNode;

/**
 * The packaged host, started the way the README says, with a token and the ECS console format:
 * each worker transition is one JSON log line with the worker's fields; the Actuator endpoints
 * but health's status need the token; /actuator/info tells version, commit and build time.
 */
class HostPackagedIT {
    private static final String TOKEN = "packaged-secret";
    @TempDir
    static Path workDir;
    private static PackagedHost host;

    @BeforeAll
    static void start() throws Exception {
        host = PackagedHost.start(workDir, TOKEN, "--logging.structured.format.console=ecs",
                "--covey.host.worker-defaults.restart-limit=2", "--covey.host.worker-defaults.backoff-initial=10ms");
    }

    @AfterAll
    static void stop() {
        if (host != null) {
            host.close();
        }
    }

    @Test
    void eachTransitionIsOneEcsJsonLineWithTheWorkersFields() throws Exception {
        HttpJson.Response declared = host.api.put("/api/v1/groups/logged", "{\"workers\":["
                + "{\"type\":\"Greeter\",\"id\":\"greeter-1\",\"params\":{\"greeting\":\"hello\",\"times\":1}},"
                + "{\"type\":\"Broken\",\"id\":\"broken-1\"}]}");
        assertThat(declared.status()).as(declared.body()).isEqualTo(200);

        await().atMost(Duration.ofSeconds(30)).until(() -> lifecycleLines().stream()
                .anyMatch(line -> "broken-1".equals(text(line, "covey.worker")) && "FAILED".equals(text(line, "covey.state"))));
        List<JsonNode> lines = lifecycleLines();
        JsonNode running = lines.stream().filter(l -> "greeter-1".equals(text(l, "covey.worker")) && "RUNNING".equals(text(l, "covey.state")))
                .findFirst().orElseThrow();
        assertThat(text(running, "log.level")).isEqualTo("INFO");
        assertThat(text(running, "covey.group")).isEqualTo("logged");
        assertThat(text(running, "covey.attempt")).isEqualTo("1");
        assertThat(text(running, "covey.type")).isEqualTo("Greeter");
        assertThat(text(running, "message")).isEqualTo("worker greeter-1 of group logged attempt 1 RUNNING: hello");
        JsonNode crash = lines.stream().filter(l -> "broken-1".equals(text(l, "covey.worker")) && "CRASHED".equals(text(l, "covey.state")))
                .findFirst().orElseThrow();
        assertThat(text(crash, "log.level")).isEqualTo("WARN");
        assertThat(text(crash, "covey.reason")).isEqualTo("exception");
        assertThat(text(crash, "message")).contains("broken on purpose");
        JsonNode failed = lines.stream().filter(l -> "FAILED".equals(text(l, "covey.state"))).findFirst().orElseThrow();
        assertThat(text(failed, "log.level")).isEqualTo("ERROR");
        host.api.delete("/api/v1/groups/logged");
    }

    @Test
    void actuatorEndpointsButHealthsStatusNeedTheToken() {
        HttpJson anonymous = new HttpJson(host.port, null);
        for (String endpoint : List.of("/actuator/prometheus", "/actuator/metrics", "/actuator/info", "/actuator")) {
            HttpJson.Response refused = anonymous.get(endpoint);
            assertThat(refused.status()).as(endpoint).isEqualTo(401);
            assertThat(refused.json().get("type").asString()).isEqualTo("urn:covey:problem:unauthorized");
            assertThat(refused.json().get("instance").asString()).isEqualTo(endpoint);
        }
        HttpJson.Response health = anonymous.get("/actuator/health");
        assertThat(health.status()).isEqualTo(200);
        assertThat(health.json().get("status").asString()).isEqualTo("UP");
        assertThat(health.json().has("components")).isFalse();
        assertThat(host.api.get("/actuator/health").json().has("components")).isTrue();
        assertThat(host.api.get("/actuator/prometheus").status()).isEqualTo(200);
    }

    @Test
    void infoTellsVersionCommitAndBuildTime() {
        JsonNode info = host.api.get("/actuator/info").json();
        assertThat(info.at("/build/version").asString()).isEqualTo("0.1.0-SNAPSHOT");
        assertThat(info.at("/build/artifact").asString()).isEqualTo("covey-host");
        assertThat(info.at("/build/time").asString()).isNotBlank();
        assertThat(info.at("/git/commit/id").asString()).matches("[0-9a-f]{7,40}");
        assertThat(info.at("/git/commit/time").asString()).isNotBlank();
    }

    private static List<JsonNode> lifecycleLines() throws Exception {
        return host.consoleLines().stream().filter(line -> line.startsWith("{")).map(line -> CoveyJson.mapper().readTree(line))
                .filter(json -> "covey.lifecycle".equals(text(json, "log.logger"))).toList();
    }

    /** A field of an ECS line, whether the formatter wrote it dotted ("log.level") or nested ({"log":{"level"}}). */
    private static String text(JsonNode line, String field) {
        JsonNode flat = line.get(field);
        if (flat != null) {
            return flat.asString();
        }
        JsonNode nested = line.at("/" + field.replace('.', '/'));
        return nested.isMissingNode() ? null : nested.asString();
    }
}
