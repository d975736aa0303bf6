package io.covey.host.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

import tools.jackson.databind.JsonNode;

/** Every call of the REST API against a real host on a random port. */
@SpringBootTest(classes = TestHostConfiguration.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"covey.host.worker-defaults.foreign=false", "covey.host.worker-defaults.stop-timeout=2s"})
class HostApiTest {
    @LocalServerPort
    int port;
    HttpJson api;

    @BeforeEach
    void client() {
        api = new HttpJson(port, null);
    }

    @AfterEach
    void cleanUp() {
        for (JsonNode group : api.get("/api/v1/groups").json()) {
            api.delete("/api/v1/groups/" + group.get("name").asString());
        }
    }

    private String state(String id) {
        return api.get("/api/v1/workers/" + id).json().get("state").asString();
    }

    @Test
    void runGroupAnswersWithTheDiffAndTheWorkersRun() {
        HttpJson.Response first = api.put("/api/v1/groups/g", """
                {"workers":[{"type":"ServiceWorker","id":"svc","params":{"name":"a"}},
                            {"type":"CountdownJob","params":{"from":2}}]}""");
        assertThat(first.status()).isEqualTo(200);
        JsonNode diff = first.json();
        assertThat(diff.get("group").asString()).isEqualTo("g");
        assertThat(diff.get("started")).hasSize(2);
        String jobId = diff.get("started").get(1).asString();
        assertThat(jobId).startsWith("CountdownJob-");
        await().until(() -> state("svc").equals("RUNNING") && state(jobId).equals("COMPLETED"));

        JsonNode second = api.put("/api/v1/groups/g", """
                {"workers":[{"type":"ServiceWorker","id":"svc","params":{"name":"a"}},
                            {"type":"ServiceWorker","id":"svc2","params":{"name":"b"}}]}""").json();
        assertThat(second.get("started")).extracting(JsonNode::asString).containsExactly("svc2");
        assertThat(second.get("stopped")).extracting(JsonNode::asString).containsExactly(jobId);
        assertThat(second.get("unchanged")).extracting(JsonNode::asString).containsExactly("svc");
    }

    @Test
    void aDryRunAnswersWithTheDiffAndDoesNothing() {
        api.put("/api/v1/groups/g", "{\"workers\":[{\"type\":\"ServiceWorker\",\"id\":\"svc\",\"params\":{\"name\":\"a\"}}]}");
        await().until(() -> state("svc").equals("RUNNING"));
        String groupsBefore = api.get("/api/v1/groups").body();
        long seqBefore = api.get("/api/v1/events").json().get("lastSeq").asLong();
        String next = "{\"workers\":[{\"type\":\"ServiceWorker\",\"id\":\"svc2\",\"params\":{\"name\":\"b\"}}]}";

        HttpJson.Response dry = api.put("/api/v1/groups/g?dryRun=true", next);
        HttpJson.Response dryNew = api.put("/api/v1/groups/fresh?dryRun=true", next.replace("svc2", "svc3"));
        HttpJson.Response refused = api.put("/api/v1/groups/g?dryRun=true", "{\"workers\":[{\"type\":\"Nope\"}]}");

        assertThat(dry.status()).isEqualTo(200);
        assertThat(dry.json().get("started")).extracting(JsonNode::asString).containsExactly("svc2");
        assertThat(dry.json().get("stopped")).extracting(JsonNode::asString).containsExactly("svc");
        assertThat(dryNew.json().get("started")).extracting(JsonNode::asString).containsExactly("svc3");
        assertThat(refused.status()).isEqualTo(400);
        assertThat(api.put("/api/v1/groups/g?dryRun=perhaps", next).status()).isEqualTo(400);
        assertThat(api.get("/api/v1/groups").body()).isEqualTo(groupsBefore);
        assertThat(api.get("/api/v1/events").json().get("lastSeq").asLong()).isEqualTo(seqBefore);
        assertThat(api.get("/api/v1/groups/fresh").status()).isEqualTo(404);

        JsonNode real = api.put("/api/v1/groups/g?dryRun=false", next).json();
        assertThat(real.get("started")).isEqualTo(dry.json().get("started"));
        assertThat(real.get("stopped")).isEqualTo(dry.json().get("stopped"));
        assertThat(real.get("revision").asLong()).isEqualTo(dry.json().get("revision").asLong() + 1);
    }

    @Test
    void groupsWorkersLogsRestartStopAndNuke() {
        api.put("/api/v1/groups/g", "{\"workers\":[{\"type\":\"ServiceWorker\",\"id\":\"svc\",\"params\":{\"name\":\"a\"}}]}");
        await().until(() -> state("svc").equals("RUNNING"));

        JsonNode groups = api.get("/api/v1/groups").json();
        assertThat(groups).hasSize(1);
        assertThat(groups.get(0).get("workers").get(0).get("state").asString()).isEqualTo("RUNNING");
        assertThat(api.get("/api/v1/groups/g").json().get("workers").get(0).get("id").asString()).isEqualTo("svc");

        JsonNode worker = api.get("/api/v1/workers/svc").json();
        assertThat(worker.get("attempt").asInt()).isEqualTo(1);
        assertThat(worker.get("restarts").asInt()).isZero();
        assertThat(worker.get("startedAt").asString()).isNotBlank();
        assertThat(worker.get("type").asString()).isEqualTo("ServiceWorker");

        JsonNode logs = api.get("/api/v1/workers/svc/logs?tail=5").json();
        assertThat(logs).extracting(l -> l.get("line").asString()).contains("hello from a");

        HttpJson.Response added = api.post("/api/v1/groups/g/workers", "{\"workers\":[{\"type\":\"ServiceWorker\",\"id\":\"more\",\"params\":{\"name\":\"m\"}}]}");
        assertThat(added.status()).isEqualTo(200);
        assertThat(added.json().get("started")).extracting(JsonNode::asString).containsExactly("more");
        await().until(() -> state("more").equals("RUNNING"));

        JsonNode removed = api.delete("/api/v1/groups/g/workers/more").json();
        assertThat(removed.get("stopped")).extracting(JsonNode::asString).containsExactly("more");
        await().until(() -> api.get("/api/v1/workers/more").status() == 404);

        assertThat(api.post("/api/v1/workers/svc/restart", null).status()).isEqualTo(200);
        await().until(() -> api.get("/api/v1/workers/svc").json().get("attempt").asInt() == 2 && state("svc").equals("RUNNING"));

        HttpJson.Response stopped = api.post("/api/v1/groups/g/stop", null);
        assertThat(stopped.status()).isEqualTo(200);
        await().until(() -> state("svc").equals("STOPPED"));
        assertThat(api.get("/api/v1/groups/g").json().get("stopped").asBoolean()).isTrue();

        assertThat(api.delete("/api/v1/groups/g").status()).isEqualTo(204);
        assertThat(api.get("/api/v1/groups/g").status()).isEqualTo(404);
    }

    @Test
    void theDashboardIsServedAtTheRootWithItsScripts() {
        HttpJson http = new HttpJson(port, null);
        HttpJson.Response page = http.get("/");
        assertThat(page.status()).isEqualTo(200);
        assertThat(page.contentType()).startsWith("text/html");
        assertThat(page.body()).contains("<title>Covey host</title>");
        assertThat(http.get("/js/app.js").contentType()).contains("javascript");
        assertThat(http.get("/dashboard.css").contentType()).startsWith("text/css");
    }

    @Test
    void theManifestNamesTheDeclaredTypes() {
        JsonNode manifest = api.get("/api/v1/manifest").json();
        assertThat(manifest.get("types")).extracting(JsonNode::asString)
                .contains("ServiceWorker", "CountdownJob", "CrashingWorker");
    }

    @Test
    void unknownGroupsAndWorkersAre404ProblemsAndConflictsAre409() {
        HttpJson.Response missing = api.get("/api/v1/groups/nope");
        assertThat(missing.status()).isEqualTo(404);
        assertThat(missing.contentType()).startsWith("application/problem+json");
        assertThat(missing.json().get("detail").asString()).isEqualTo("no group named 'nope'");
        assertThat(api.get("/api/v1/workers/nope").status()).isEqualTo(404);
        assertThat(api.post("/api/v1/workers/nope/restart", null).status()).isEqualTo(404);
        assertThat(api.delete("/api/v1/groups/nope").status()).isEqualTo(404);

        api.put("/api/v1/groups/first", "{\"workers\":[{\"type\":\"ServiceWorker\",\"id\":\"shared\",\"params\":{\"name\":\"a\"}}]}");
        HttpJson.Response conflict = api.put("/api/v1/groups/second", "{\"workers\":[{\"type\":\"ServiceWorker\",\"id\":\"shared\",\"params\":{\"name\":\"a\"}}]}");
        assertThat(conflict.status()).isEqualTo(409);
        assertThat(conflict.json().get("detail").asString()).contains("already declared in group 'first'");
        assertThat(api.get("/api/v1/groups/second").status()).isEqualTo(404);
    }
}
