package io.covey.host.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

import io.covey.core.event.EventFilter;
import io.covey.core.event.EventType;
import io.covey.core.event.LogEvent;
import io.covey.core.event.Subscription;
import io.covey.engine.CoveyManager;
import tools.jackson.databind.JsonNode;

/** Groups declared in a file: applied at start, on change and on reload; a broken file changes nothing and is reported. */
class HostGroupsFileTest {
    private static final String WEB_AB = """
            groups:
              web:
                workers:
                  - {type: ServiceWorker, id: a, params: {name: a}}
                  - {type: ServiceWorker, id: b, params: {name: b}}
              jobs:
                workers:
                  - {type: CountdownJob, id: count, params: {from: 2}}
            """;

    @TempDir
    Path dir;
    private final List<ConfigurableApplicationContext> hosts = new ArrayList<>();

    @AfterEach
    void stopHosts() {
        hosts.forEach(ConfigurableApplicationContext::close);
    }

    private Path groupsFile(String content) throws Exception {
        Path file = dir.resolve("groups.yaml");
        // As editors save: a new file renamed over the old one.
        Path temp = Files.writeString(dir.resolve(".groups.yaml.swp"), content);
        Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        return file;
    }

    private HttpJson startHost(Path file, String... extra) {
        List<String> args = new ArrayList<>(List.of("--server.port=0", "--covey.host.groups-file=" + file,
                "--covey.host.state-dir=" + dir.resolve("state"), "--covey.host.worker-defaults.foreign=false",
                "--spring.main.banner-mode=off"));
        args.addAll(List.of(extra));
        ConfigurableApplicationContext host = SpringApplication.run(TestHostConfiguration.class, args.toArray(String[]::new));
        hosts.add(host);
        return new HttpJson(((WebServerApplicationContext) host).getWebServer().getPort(), null);
    }

    private static String state(HttpJson api, String id) {
        HttpJson.Response worker = api.get("/api/v1/workers/" + id);
        return worker.status() == 404 ? "GONE" : worker.json().get("state").asString();
    }

    private static List<String> groupNames(HttpJson api) {
        List<String> names = new ArrayList<>();
        api.get("/api/v1/groups").json().forEach(group -> names.add(group.get("name").asString()));
        return names;
    }

    @Test
    void theFilesGroupsRunAtStart() throws Exception {
        HttpJson api = startHost(groupsFile(WEB_AB));

        assertThat(groupNames(api)).containsExactlyInAnyOrder("jobs", "web");
        await().until(() -> state(api, "a").equals("RUNNING") && state(api, "b").equals("RUNNING")
                && state(api, "count").equals("COMPLETED"));
        JsonNode health = api.get("/actuator/health").json().get("components").get("coveyGroupsFile");
        assertThat(health.get("status").asString()).isEqualTo("UP");
        assertThat(health.get("details").get("appliedOn").asString()).isEqualTo("start");
        assertThat(health.get("details").has("error")).isFalse();
    }

    @Test
    void anEditAppliesTheDiffAndLeavesTheRestAlone() throws Exception {
        Path file = groupsFile(WEB_AB);
        HttpJson api = startHost(file);
        api.put("/api/v1/groups/mine", "{\"workers\":[{\"type\":\"ServiceWorker\",\"id\":\"own\",\"params\":{\"name\":\"own\"}}]}");
        await().until(() -> state(api, "a").equals("RUNNING") && state(api, "b").equals("RUNNING") && state(api, "own").equals("RUNNING"));
        String aStarted = api.get("/api/v1/workers/a").json().get("startedAt").asString();

        groupsFile("""
                groups:
                  web:
                    workers:
                      - {type: ServiceWorker, id: a, params: {name: a}}
                      - {type: ServiceWorker, id: c, params: {name: c}}
                """);

        await().until(() -> state(api, "c").equals("RUNNING") && state(api, "b").equals("GONE") && !groupNames(api).contains("jobs"));
        assertThat(api.get("/api/v1/workers/a").json().get("startedAt").asString()).as("a is untouched").isEqualTo(aStarted);
        assertThat(groupNames(api)).containsExactlyInAnyOrder("mine", "web");
        assertThat(state(api, "own")).isEqualTo("RUNNING");
    }

    @Test
    void aBrokenFileChangesNothingAndIsReportedInTheLogEventsAndHealth() throws Exception {
        Path file = groupsFile(WEB_AB);
        HttpJson api = startHost(file);
        await().until(() -> state(api, "a").equals("RUNNING") && state(api, "b").equals("RUNNING"));
        List<LogEvent> notes = new CopyOnWriteArrayList<>();
        CoveyManager manager = hosts.get(0).getBean(CoveyManager.class);
        try (Subscription ignored = manager.subscribe(EventFilter.ALL.withTypes(EventType.LOG), event -> {
            if (event instanceof LogEvent log && log.worker() == null) {
                notes.add(log);
            }
        })) {
            groupsFile(WEB_AB.replace("- {type: ServiceWorker, id: b, params: {name: b}}", "- {type: Nope, id: b}"));

            await().untilAsserted(() -> assertThat(notes).anySatisfy(note -> assertThat(note.line())
                    .contains("groups file not applied (change)", "groups.web.workers[1]", "worker type 'Nope' is not declared",
                            "nothing was changed")));
            JsonNode health = api.get("/actuator/health").json().get("components").get("coveyGroupsFile").get("details");
            assertThat(health.get("error").asString()).contains(file.toString(), "'Nope'");

            groupsFile("groups: {web: {workers: []}}}"); // one brace too many
            await().untilAsserted(() -> assertThat(notes).anySatisfy(note -> assertThat(note.line())
                    .contains("groups file not applied (change)", "not valid YAML")));
        }
        HttpJson.Response reload = api.post("/api/v1/groups-file/reload", null);
        assertThat(reload.status()).isEqualTo(400);
        assertThat(reload.contentType()).contains("application/problem+json");
        assertThat(reload.json().get("detail").asString()).contains(file.toString(), "not valid YAML", "nothing was changed");

        assertThat(groupNames(api)).containsExactlyInAnyOrder("jobs", "web");
        assertThat(state(api, "a")).isEqualTo("RUNNING");
        assertThat(state(api, "b")).isEqualTo("RUNNING");
        assertThat(api.get("/actuator/health").json().get("status").asString()).isEqualTo("UP");
    }

    @Test
    void instancesInTheFileScaleWithAnEditAndTheirIdsAreCheckedAgainstTheApisGroups() throws Exception {
        Path file = groupsFile("groups:\n  fleet: {workers: [{type: ServiceWorker, id: api, params: {name: a}, instances: 2}]}\n");
        HttpJson api = startHost(file, "--covey.host.groups-file-watch=false");
        await().until(() -> state(api, "api-0").equals("RUNNING") && state(api, "api-1").equals("RUNNING"));
        api.put("/api/v1/groups/mine", "{\"workers\":[{\"type\":\"ServiceWorker\",\"id\":\"api-3\",\"params\":{\"name\":\"m\"}}]}");

        groupsFile("groups:\n  fleet: {workers: [{type: ServiceWorker, id: api, params: {name: a}, instances: 4}]}\n");
        HttpJson.Response clash = api.post("/api/v1/groups-file/reload", null);
        assertThat(clash.status()).isEqualTo(400);
        assertThat(clash.json().get("detail").asString()).contains("groups.fleet.workers[0]", "worker id 'api-3' is already in group 'mine'");
        assertThat(state(api, "api-2")).isEqualTo("GONE");

        groupsFile("groups:\n  fleet: {workers: [{type: ServiceWorker, id: api, params: {name: a}, instances: 3}]}\n");
        HttpJson.Response scaled = api.post("/api/v1/groups-file/reload", null);
        assertThat(scaled.status()).isEqualTo(200);
        assertThat(scaled.json().get("groups").get(0).get("started")).extracting(JsonNode::asString).containsExactly("api-2");
        await().until(() -> state(api, "api-2").equals("RUNNING"));
        assertThat(api.get("/api/v1/workers/api-0").json().get("attempt").asInt()).isEqualTo(1);
    }

    @Test
    void reloadAppliesTheWholeFileAgain() throws Exception {
        Path file = groupsFile(WEB_AB);
        HttpJson api = startHost(file, "--covey.host.groups-file-watch=false");
        await().until(() -> state(api, "b").equals("RUNNING"));
        api.delete("/api/v1/groups/web"); // over the API: lasts until the file is applied again
        await().until(() -> state(api, "b").equals("GONE"));

        HttpJson.Response reload = api.post("/api/v1/groups-file/reload", null);

        assertThat(reload.status()).isEqualTo(200);
        assertThat(reload.json().get("trigger").asString()).isEqualTo("reload");
        assertThat(reload.json().get("groups")).extracting(diff -> diff.get("group").asString()).containsExactly("web", "jobs");
        assertThat(reload.json().get("groups").get(0).get("started")).extracting(JsonNode::asString).containsExactly("a", "b");
        await().until(() -> state(api, "b").equals("RUNNING"));
    }

    @Test
    void aGroupTakenOutOfTheFileWhileTheHostWasDownIsRemovedAtStart() throws Exception {
        Path file = groupsFile(WEB_AB);
        HttpJson first = startHost(file);
        first.put("/api/v1/groups/mine", "{\"workers\":[{\"type\":\"ServiceWorker\",\"id\":\"own\",\"params\":{\"name\":\"own\"}}]}");
        await().until(() -> state(first, "count").equals("COMPLETED") && state(first, "own").equals("RUNNING"));
        hosts.remove(0).close();

        groupsFile(WEB_AB.substring(0, WEB_AB.indexOf("  jobs:")));
        HttpJson second = startHost(file);

        assertThat(groupNames(second)).containsExactlyInAnyOrder("mine", "web");
        await().until(() -> state(second, "own").equals("RUNNING") && state(second, "a").equals("RUNNING"));
    }

    @Test
    void aHostWithoutAGroupsFileSaysSoOnReload() {
        ConfigurableApplicationContext host = SpringApplication.run(TestHostConfiguration.class, "--server.port=0",
                "--spring.main.banner-mode=off");
        hosts.add(host);
        HttpJson api = new HttpJson(((WebServerApplicationContext) host).getWebServer().getPort(), null);

        HttpJson.Response reload = api.post("/api/v1/groups-file/reload", null);

        assertThat(reload.status()).isEqualTo(404);
        assertThat(reload.json().get("detail").asString()).contains("covey.host.groups-file");
    }
}
