package io.covey.host.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

import tools.jackson.databind.JsonNode;

/** The desired state survives a host restart; a corrupt state file stops the host and is kept. */
class HostRestartTest {
    @TempDir
    Path stateDir;

    private ConfigurableApplicationContext startHost() {
        return SpringApplication.run(TestHostConfiguration.class, "--server.port=0", "--covey.host.state-dir=" + stateDir,
                "--covey.host.worker-defaults.foreign=false", "--spring.main.banner-mode=off");
    }

    private static HttpJson api(ConfigurableApplicationContext host) {
        return new HttpJson(((WebServerApplicationContext) host).getWebServer().getPort(), null);
    }

    @Test
    void aRestartedHostRestoresItsGroupsRestartsTheirWorkersAndKeepsResults() {
        String jobId;
        try (ConfigurableApplicationContext host = startHost()) {
            HttpJson api = api(host);
            JsonNode diff = api.put("/api/v1/groups/kept", """
                    {"workers":[{"type":"ServiceWorker","id":"svc","params":{"name":"a"}},
                                {"type":"CountdownJob","params":{"from":4}}]}""").json();
            jobId = diff.get("started").get(1).asString();
            api.put("/api/v1/groups/paused", "{\"workers\":[{\"type\":\"ServiceWorker\",\"id\":\"idle\",\"params\":{\"name\":\"b\"}}]}");
            api.post("/api/v1/groups/paused/stop", null);
            await().until(() -> api.get("/api/v1/workers/" + jobId).json().get("state").asString().equals("COMPLETED")
                    && api.get("/api/v1/workers/svc").json().get("state").asString().equals("RUNNING")
                    && api.get("/api/v1/workers/idle").json().get("state").asString().equals("STOPPED"));
        }
        assertThat(stateDir.resolve("state.json")).exists();

        try (ConfigurableApplicationContext host = startHost()) {
            HttpJson api = api(host);
            assertThat(api.get("/api/v1/groups").json()).extracting(g -> g.get("name").asString()).containsExactly("kept", "paused");
            await().until(() -> api.get("/api/v1/workers/svc").json().get("state").asString().equals("RUNNING"));
            JsonNode job = api.get("/api/v1/workers/" + jobId).json();
            assertThat(job.get("state").asString()).isEqualTo("COMPLETED");
            assertThat(job.get("attempt").asInt()).isZero();
            assertThat(job.get("result").get("counted").asInt()).isEqualTo(4);
            assertThat(api.get("/api/v1/workers/idle").json().get("state").asString()).isEqualTo("STOPPED");
            assertThat(api.get("/api/v1/groups/paused").json().get("stopped").asBoolean()).isTrue();
        }
    }

    @Test
    void instancesScaledOverTheApiComeBackUnderTheirIdsAfterARestart() {
        try (ConfigurableApplicationContext host = startHost()) {
            HttpJson api = api(host);
            api.put("/api/v1/groups/fleet", "{\"workers\":[{\"type\":\"ServiceWorker\",\"id\":\"api\",\"params\":{\"name\":\"a\"},"
                    + "\"instances\":3,\"update\":\"rolling\"}]}");
            assertThat(api.post("/api/v1/workers/api/scale", "{\"instances\":2}").json().get("stopped"))
                    .extracting(JsonNode::asString).containsExactly("api-2");
            await().until(() -> api.get("/api/v1/groups/fleet").json().get("workers").size() == 2
                    && api.get("/api/v1/workers/api-1").json().get("state").asString().equals("RUNNING"));
        }

        try (ConfigurableApplicationContext host = startHost()) {
            HttpJson api = api(host);
            await().until(() -> api.get("/api/v1/workers/api-1").json().get("state").asString().equals("RUNNING"));
            JsonNode fleet = api.get("/api/v1/groups/fleet").json();
            assertThat(fleet.get("workers")).extracting(w -> w.get("id").asString() + ":" + w.get("instance").asInt())
                    .containsExactly("api-0:0", "api-1:1");
            assertThat(fleet.get("workers").get(0).get("spec").get("instances").asInt()).isEqualTo(2);
            assertThat(fleet.get("workers").get(0).get("spec").get("update").asString()).isEqualTo("rolling");
        }
    }

    @Test
    void aRestartedHostContinuesTheEventNumberingOfItsPreviousRun() {
        long lastSeqBefore;
        try (ConfigurableApplicationContext host = startHost()) {
            HttpJson api = api(host);
            api.put("/api/v1/groups/numbered", "{\"workers\":[{\"type\":\"ServiceWorker\",\"id\":\"n\",\"params\":{\"name\":\"n\"}}]}");
            await().until(() -> api.get("/api/v1/workers/n").json().get("state").asString().equals("RUNNING"));
            lastSeqBefore = api.get("/api/v1/events").json().get("lastSeq").asLong();
            assertThat(lastSeqBefore).isPositive();
        }
        try (ConfigurableApplicationContext host = startHost()) {
            HttpJson api = api(host);
            await().until(() -> api.get("/api/v1/workers/n").json().get("state").asString().equals("RUNNING"));
            JsonNode position = api.get("/api/v1/events").json();
            // Above the previous run's events, including the STOPPED ones of its shutdown.
            assertThat(position.get("oldestRetainedSeq").asLong()).isGreaterThan(lastSeqBefore + 1);
            assertThat(position.get("lastSeq").asLong()).isGreaterThanOrEqualTo(position.get("oldestRetainedSeq").asLong());
        }
    }

    @Test
    void aCorruptStateFileStopsTheHostWithAClearMessageAndIsNeverOverwritten() throws Exception {
        Path file = stateDir.resolve("state.json");
        Files.writeString(file, "{\"version\":1,\"state\":{\"groups\":[{\"name\":");
        assertThatThrownBy(this::startHost)
                .hasStackTraceContaining("the state file " + file + " cannot be read")
                .hasStackTraceContaining("it was left untouched");
        assertThat(Files.readString(file)).isEqualTo("{\"version\":1,\"state\":{\"groups\":[{\"name\":");
    }
}
