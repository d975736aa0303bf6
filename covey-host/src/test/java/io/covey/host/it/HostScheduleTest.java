package io.covey.host.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.stream.StreamSupport;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

import tools.jackson.databind.JsonNode;

/** Scheduled workers on a real host, in real time: {@code every: 1s}, and missed runs across a restart of the host. */
class HostScheduleTest {
    @TempDir
    Path stateDir;

    private ConfigurableApplicationContext startHost() {
        return SpringApplication.run(TestHostConfiguration.class, "--server.port=0", "--covey.host.state-dir=" + stateDir,
                "--covey.host.worker-defaults.foreign=false", "--spring.main.banner-mode=off");
    }

    private static HttpJson api(ConfigurableApplicationContext host) {
        return new HttpJson(((WebServerApplicationContext) host).getWebServer().getPort(), null);
    }

    private static List<String> coveyLines(HttpJson api, String id) {
        return StreamSupport.stream(api.get("/api/v1/workers/" + id + "/logs?tail=200").json().spliterator(), false)
                .filter(l -> l.get("stream").asString().equals("covey")).map(l -> l.get("line").asString()).toList();
    }

    @Test
    void aJobEverySecondRunsOncePerSecondEachRunAnAttemptOfItsOwn_andItsStatusSaysWhenItRunsNext() {
        try (ConfigurableApplicationContext host = startHost()) {
            HttpJson api = api(host);
            Instant declared = Instant.now();
            assertThat(api.put("/api/v1/groups/timed", """
                    {"workers":[{"type":"CountdownJob","id":"tick","params":{"from":0},"schedule":{"every":"1s"}}]}""")
                    .status()).isEqualTo(200);
            JsonNode pending = api.get("/api/v1/workers/tick").json();
            assertThat(pending.get("state").asString()).isEqualTo("PENDING");
            Instant firstDue = Instant.parse(pending.get("nextRunAt").asString());
            assertThat(Duration.between(declared, firstDue)).isBetween(Duration.ZERO, Duration.ofMillis(1500));
            assertThat(pending.get("spec").get("schedule").get("every").asString()).isEqualTo("1s");

            await().atMost(Duration.ofSeconds(10)).until(() -> api.get("/api/v1/workers/tick").json().get("attempt").asInt() >= 4);
            Instant fourth = Instant.now();
            JsonNode status = api.get("/api/v1/workers/tick").json();
            // Four runs took some three seconds: once a second, no faster (each waits for its due time).
            assertThat(Duration.between(declared, fourth)).isGreaterThan(Duration.ofMillis(2900));
            Instant next = Instant.parse(status.get("nextRunAt").asString());
            assertThat(Duration.between(firstDue, next).toMillis() % 1000).isZero(); // due times a whole second apart, no drift
            await().until(() -> api.get("/api/v1/workers/tick").json().get("state").asString().equals("COMPLETED"));
            assertThat(api.get("/api/v1/workers/tick").json().get("result").get("message").asString()).isEqualTo("liftoff");
        }
    }

    @Test
    void aScheduleThatCannotBeReadIsA400NamingWhatIsWrong_andChangesNothing() {
        try (ConfigurableApplicationContext host = startHost()) {
            HttpJson api = api(host);
            for (String[] bad : new String[][] {
                    {"\"61 * * * *\"", "cron expression '61 * * * *' is not valid"},
                    {"{\"cron\":\"0 3 * * *\",\"every\":\"1m\"}", "not both"},
                    {"{\"every\":\"1m\",\"timeZone\":\"Mars/Olympus\"}", "is no time zone"},
                    {"{\"every\":\"1m\",\"overlap\":\"sometimes\"}", "use forbid, replace or allow"}}) {
                HttpJson.Response refused = api.put("/api/v1/groups/timed", "{\"workers\":[{\"type\":\"CountdownJob\",\"id\":\"t\","
                        + "\"params\":{\"from\":0},\"schedule\":" + bad[0] + "}]}");
                assertThat(refused.status()).as(bad[0] + ": " + refused.body()).isEqualTo(400);
                assertThat(refused.json().get("type").asString()).startsWith("urn:covey:problem:invalid-");
                assertThat(refused.json().get("detail").asString()).as(bad[0]).contains(bad[1]);
            }
            assertThat(api.get("/api/v1/groups").json()).isEmpty();
        }
    }

    @Test
    void runsMissedWhileTheHostWasDownRunOnceAtStartOrAreSkipped_asEachSpecSays() {
        Instant nextDue;
        try (ConfigurableApplicationContext host = startHost()) {
            HttpJson api = api(host);
            api.put("/api/v1/groups/timed", """
                    {"workers":[
                      {"type":"CountdownJob","id":"catch-up","params":{"from":0},"schedule":{"every":"2s","missed":"run-once"}},
                      {"type":"CountdownJob","id":"let-go","params":{"from":0},"schedule":{"every":"2s"}}]}""");
            await().atMost(Duration.ofSeconds(10)).until(() -> api.get("/api/v1/workers/catch-up").json().get("attempt").asInt() >= 1
                    && api.get("/api/v1/workers/let-go").json().get("attempt").asInt() >= 1);
            nextDue = Instant.parse(api.get("/api/v1/workers/let-go").json().get("nextRunAt").asString());
        }
        // Down past a due time of both.
        await().atMost(Duration.ofSeconds(10)).until(() -> Instant.now().isAfter(nextDue.plusMillis(300)));

        try (ConfigurableApplicationContext host = startHost()) {
            HttpJson api = api(host);
            await().until(() -> coveyLines(api, "catch-up").stream().anyMatch(l -> l.contains("running once now (missed: run-once)")));
            await().until(() -> api.get("/api/v1/workers/catch-up").json().get("state").asString().equals("COMPLETED"));
            assertThat(coveyLines(api, "let-go")).anyMatch(l -> l.contains("skipped (missed: skip)"));
            JsonNode letGo = api.get("/api/v1/workers/let-go").json();
            assertThat(Instant.parse(letGo.get("nextRunAt").asString())).isAfter(nextDue);
        }
    }
}
