package io.covey.host.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

import io.covey.core.event.DataEvent;
import io.covey.core.event.LifecycleEvent;
import io.covey.core.lifecycle.WorkerState;
import io.covey.engine.foreign.ForeignTestSupport;
import tools.jackson.databind.JsonNode;

/**
 * {@code POST /api/v1/workers/{id}/kill} against a real child that ignores its stop and SIGTERM,
 * and params bound strictly at declaration, the worker's own constructor included.
 */
@SpringBootTest(classes = HostileHostConfiguration.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class HostKillAndStrictParamsTest {
    @LocalServerPort
    int port;

    @AfterEach
    void nuke() {
        new HttpJson(port, null).delete("/api/v1/groups/hostile");
    }

    @Test
    void killEndsAStuckStopOfAForeignWorkerAtOnceWithItsWholeProcessTree() {
        HttpJson api = new HttpJson(port, null);
        try (EventStreamClient events = EventStreamClient.connect(port, "worker=stuck")) {
            assertThat(api.put("/api/v1/groups/hostile", "{\"workers\":[{\"type\":\"StubbornWorker\",\"id\":\"stuck\","
                    + "\"options\":{\"foreign\":true,\"stopTimeout\":\"60s\"}}]}").status()).isEqualTo(200);
            await().atMost(Duration.ofSeconds(30)).until(() -> state(api).equals("RUNNING"));
            List<Long> pids = new ArrayList<>();
            await().until(() -> events.events().stream().anyMatch(e -> e instanceof DataEvent));
            DataEvent published = (DataEvent) events.events().stream().filter(e -> e instanceof DataEvent).findFirst().orElseThrow();
            published.data().get("pids").forEach(pid -> pids.add(pid.asLong()));
            assertThat(pids).hasSize(3).allMatch(ForeignTestSupport::alive);

            assertThat(api.post("/api/v1/groups/hostile/stop", null).status()).isEqualTo(200);
            await().until(() -> state(api).equals("STOPPING"));

            long asked = System.nanoTime();
            HttpJson.Response killed = api.post("/api/v1/workers/stuck/kill", null);
            assertThat(killed.status()).isEqualTo(200);
            await().atMost(Duration.ofSeconds(1)).pollInterval(Duration.ofMillis(20)).until(() -> state(api).equals("STOPPED"));
            assertThat(Duration.ofNanos(System.nanoTime() - asked)).isLessThan(Duration.ofSeconds(1));

            JsonNode worker = api.get("/api/v1/workers/stuck").json();
            assertThat(worker.get("forced").asBoolean()).isTrue();
            assertThat(worker.get("message").asString()).contains("killed on request");
            for (long pid : pids) {
                assertThat(ForeignTestSupport.alive(pid)).as("pid %d (a zombie not reaped yet counts as gone)", pid).isFalse();
            }
            await().untilAsserted(() -> assertThat(events.events()).anySatisfy(e -> assertThat(e)
                    .isInstanceOfSatisfying(LifecycleEvent.class, l -> {
                        assertThat(l.state()).isEqualTo(WorkerState.STOPPED);
                        assertThat(l.forced()).isTrue();
                    })));
        }
        assertThat(api.post("/api/v1/workers/nobody/kill", null).status()).isEqualTo(404);
    }

    @Test
    void paramsAreBoundStrictlyAndCheckedByTheConstructorAtDeclarationWithNothingStarted() {
        HttpJson api = new HttpJson(port, null);
        long seqBefore = api.get("/api/v1/events").json().get("lastSeq").asLong();
        for (String foreign : List.of("true", "false")) {
            assertRefused(api, "{\"seconds\":-1}", foreign, "", "worker type 'SleepyWorker' refused these params: seconds must not be negative, was -1");
            assertRefused(api, "{\"seconds\":1.5}", foreign, "seconds", "'seconds'");
            assertRefused(api, "{\"seconds\":\"5\"}", foreign, "seconds", "'seconds'");
            assertRefused(api, "{\"seconds\":1,\"second\":2}", foreign, "second", "'second'");
        }
        assertThat(api.get("/api/v1/groups/hostile").status()).isEqualTo(404);
        assertThat(api.get("/api/v1/events").json().get("lastSeq").asLong()).isEqualTo(seqBefore);

        // What fits is accepted as it was.
        assertThat(api.put("/api/v1/groups/hostile", spec("{\"seconds\":0}", "false")).status()).isEqualTo(200);
        await().until(() -> api.get("/api/v1/workers/sleepy").json().get("state").asString().equals("COMPLETED"));
    }

    @Test
    void threadsAnInProcessWorkerLeftRunningAreInItsStopEventAMetricAndHealth() {
        HttpJson api = new HttpJson(port, null);
        assertThat(api.put("/api/v1/groups/hostile", "{\"workers\":[{\"type\":\"LeakingWorker\",\"id\":\"leaker\","
                + "\"options\":{\"foreign\":false}}]}").status()).isEqualTo(200);
        await().until(() -> api.get("/api/v1/workers/leaker").json().get("state").asString().equals("RUNNING"));
        api.post("/api/v1/groups/hostile/stop", null);
        await().until(() -> api.get("/api/v1/workers/leaker").json().get("state").asString().equals("STOPPED"));

        assertThat(api.get("/api/v1/workers/leaker").json().get("message").asString()).endsWith("(3 threads it started still running)");
        JsonNode health = api.get("/actuator/health").json();
        assertThat(health.get("status").asString()).isEqualTo("UP");
        assertThat(health.at("/components/covey/details/threadsLeftRunning/leaker").asInt()).isEqualTo(3);
        assertThat(api.get("/actuator/metrics/covey.worker.threads.left").json().get("measurements").get(0).get("value").asDouble())
                .isGreaterThanOrEqualTo(3.0);
    }

    private static void assertRefused(HttpJson api, String params, String foreign, String field, String detail) {
        HttpJson.Response response = api.put("/api/v1/groups/hostile", spec(params, foreign));
        assertThat(response.status()).as(params).isEqualTo(400);
        assertThat(response.contentType()).startsWith("application/problem+json");
        JsonNode problem = response.json();
        assertThat(problem.get("type").asString()).isEqualTo("urn:covey:problem:invalid-params");
        assertThat(problem.get("field").asString()).as(params).isEqualTo(field);
        assertThat(problem.get("detail").asString()).as(params).contains(detail);
    }

    private static String spec(String params, String foreign) {
        return "{\"workers\":[{\"type\":\"SleepyWorker\",\"id\":\"sleepy\",\"params\":" + params
                + ",\"options\":{\"foreign\":" + foreign + "}}]}";
    }

    private static String state(HttpJson api) {
        return api.get("/api/v1/workers/stuck").json().get("state").asString();
    }
}
