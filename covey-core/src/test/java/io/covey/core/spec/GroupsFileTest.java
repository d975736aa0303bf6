package io.covey.core.spec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.covey.core.api.InvalidSpecException;

class GroupsFileTest {
    private static final String JSON = """
            {"groups": {
              "web":  {"workers": [
                {"type": "Echo", "id": "echo", "params": {"port": 7771}, "options": {"foreign": false, "stopTimeout": "2s"}},
                {"type": "Countdown", "params": {"from": 3}, "dependsOn": ["echo"]}
              ]},
              "jobs": {"workers": []}
            }}
            """;
    private static final String YAML = """
            # the same groups as JSON above
            groups:
              web:
                workers:
                  - type: Echo
                    id: echo
                    params: {port: 7771}
                    options:
                      foreign: false
                      stopTimeout: 2s
                  - type: Countdown
                    params:
                      from: 3
                    dependsOn: [echo]
              jobs:
                workers: []
            """;

    @TempDir
    Path dir;

    @Test
    void readsGroupsInTheFilesOrderWithTheirSpecs() throws IOException {
        GroupsFile file = GroupsFile.read(write("covey.json", JSON));

        assertThat(file.groupNames()).containsExactly("web", "jobs");
        CoveyGroup web = file.group("web").orElseThrow();
        assertThat(web.workers()).hasSize(2);
        WorkerSpec echo = web.workers().get(0);
        assertThat(echo.effectiveId()).isEqualTo("echo");
        assertThat(echo.params().get("port").asInt()).isEqualTo(7771);
        assertThat(echo.options().foreign()).isFalse();
        assertThat(echo.options().stopTimeout()).isEqualTo(Duration.ofSeconds(2));
        assertThat(web.workers().get(1).effectiveId()).matches("Countdown-[0-9a-f]{12}");
        assertThat(web.workers().get(1).dependsOn()).containsExactly(Dependency.running("echo"));
        assertThat(file.group("jobs").orElseThrow().workers()).isEmpty();
    }

    @Test
    void yamlSaysTheSameAsJson() throws IOException {
        GroupsFile fromJson = GroupsFile.read(write("covey.json", JSON));

        assertThat(GroupsFile.read(write("covey.yaml", YAML))).isEqualTo(fromJson);
        assertThat(GroupsFile.read(write("covey.yml", YAML))).isEqualTo(fromJson);
        // Without a telling extension the content decides.
        assertThat(GroupsFile.read(write("groups", YAML))).isEqualTo(fromJson);
        assertThat(GroupsFile.read(write("groups.conf", "\uFEFF  " + JSON))).isEqualTo(fromJson);
    }

    @Test
    void namesTheGroupAndIndexOfABadWorker() {
        assertThatThrownBy(() -> parse("{\"groups\":{\"web\":{\"workers\":[{\"type\":\"Echo\"},{\"params\":{}}]}}}"))
                .isInstanceOf(GroupsFileException.class)
                .hasMessageStartingWith("test.json: groups.web.workers[1]: a worker spec needs a \"type\"")
                .hasMessageContaining("line 1");
        assertThatThrownBy(() -> parseYaml("""
                groups:
                  web:
                    workers:
                      - type: Echo
                        options: {restart: sometimes}
                """))
                .hasMessageStartingWith("test.yaml: groups.web.workers[0].options.restart: restart policy 'sometimes' is unknown")
                .hasMessageContaining("line 5");
        assertThatThrownBy(() -> parse("{\"groups\":{\"web\":{\"workers\":[{\"type\":\"Echo\",\"option\":{}}]}}}"))
                .hasMessageStartingWith("test.json: groups.web.workers[0].option: unknown field 'option' (known fields: ")
                .hasMessageContaining("options");
        assertThatThrownBy(() -> parse("{\"groups\":{\"web\":{\"workers\":[{\"type\":\"Echo\",\"options\":{\"stopTimeout\":\"soon\"}}]}}}"))
                .hasMessageContaining("groups.web.workers[0].options.stopTimeout: ");
        assertThatThrownBy(() -> parseYaml("groups:\n  web:\n    workers:\n      - type: Echo\n      -\n"))
                .hasMessage("test.yaml: groups.web.workers[1]: is empty; a worker spec is an object with at least a \"type\"");
    }

    @Test
    void refusesAWrongShape() {
        assertThatThrownBy(() -> parse("{\"group\":{}}"))
                .hasMessageStartingWith("test.json: group: unknown field 'group' (known fields: groups)");
        assertThatThrownBy(() -> parse("{}")).hasMessageStartingWith("test.json: it needs a \"groups\" object");
        assertThatThrownBy(() -> parse("{\"groups\":{\"web\":{}}}"))
                .hasMessage("test.json: groups.web: the group needs a \"workers\" list (it may be empty)");
        assertThatThrownBy(() -> parseYaml("groups:\n  web:\n"))
                .hasMessage("test.yaml: groups.web: the group needs a \"workers\" list (it may be empty)");
        assertThatThrownBy(() -> parse("{\"groups\":{\"web\":{\"workers\":\"Echo\"}}}"))
                .hasMessageStartingWith("test.json: groups.web.workers: expected a list");
        assertThatThrownBy(() -> parse("{\"groups\":[]}")).hasMessageStartingWith("test.json: groups: expected an object");
        assertThatThrownBy(() -> parse("{\"groups\":{\"web\":{\"workers\":[]}},}"))
                .hasMessageStartingWith("test.json: not valid JSON: ").hasMessageContaining("(line 1, column ");
        assertThatThrownBy(() -> parseYaml("groups:\n  web: {workers: [}\n")).hasMessage("test.yaml: groups.web.workers: not valid"
                + " YAML: while parsing a flow node; expected the node content, but found '}' (line 2, column 19)");
        assertThatThrownBy(() -> parse("  \n")).hasMessageStartingWith("test.json: is empty");
    }

    @Test
    void refusesNamesAndIdsTwice() {
        assertThatThrownBy(() -> parse("{\"groups\":{\"web\":{\"workers\":[]},\"web\":{\"workers\":[]}}}"))
                .hasMessageContaining("Duplicate").hasMessageContaining("web");
        assertThatThrownBy(() -> parseYaml("groups:\n  web: {workers: []}\n  web: {workers: []}\n"))
                .hasMessageContaining("Duplicate").hasMessageContaining("web");
        assertThatThrownBy(() -> parse("""
                {"groups":{"a":{"workers":[{"type":"Echo","params":{"port":1}}]},
                           "b":{"workers":[{"type":"Other"},{"type":"Echo","params":{"port":1}}]}}}"""))
                .hasMessageStartingWith("test.json: groups.b.workers[1]: worker id 'Echo-")
                .hasMessageContaining("is already declared at groups.a.workers[0]");
        assertThatThrownBy(() -> parse("{\"groups\":{\"a\":{\"workers\":[{\"type\":\"Echo\",\"id\":\"x\"},{\"type\":\"Other\",\"id\":\"x\"}]}}}"))
                .hasMessageStartingWith("test.json: groups.a.workers[1]: worker id 'x' is already declared at groups.a.workers[0]");
        assertThatThrownBy(() -> parseYaml("groups:\n  a: {workers: [{type: Echo, id: api, instances: 3}]}\n"
                + "  b: {workers: [{type: Other, id: api-2}]}\n"))
                .hasMessageContaining("groups.b.workers[0]: worker id 'api-2' is already declared at groups.a.workers[0]");
        assertThat(parseYaml("groups:\n  a: {workers: [{type: Echo, id: api, instances: 3, update: rolling},"
                + " {type: Other, id: api-3}]}\n").groups().get(0).workers().get(0).updateStrategy()).isEqualTo(UpdateStrategy.ROLLING);
        assertThatThrownBy(() -> parse("{\"groups\":{\"bad name\":{\"workers\":[]}}}"))
                .hasMessageStartingWith("test.json: groups.bad name: group name 'bad name' is not valid");
    }

    @Test
    void namesTheFileWhenItCannotBeRead() throws IOException {
        assertThatThrownBy(() -> GroupsFile.read(dir.resolve("missing.yaml")))
                .isInstanceOf(InvalidSpecException.class).hasMessage(dir.resolve("missing.yaml") + ": no such file");
        assertThatThrownBy(() -> GroupsFile.read(dir)).hasMessage(dir + ": is a directory, not a groups file");
        Path huge = dir.resolve("huge.json");
        Files.write(huge, new byte[GroupsFileReader.MAX_BYTES + 1]);
        assertThatThrownBy(() -> GroupsFile.read(huge)).hasMessageContaining("at most " + GroupsFileReader.MAX_BYTES);
    }

    private Path write(String name, String content) throws IOException {
        return Files.writeString(dir.resolve(name), content, StandardCharsets.UTF_8);
    }

    private static GroupsFile parse(String json) {
        return GroupsFile.parse(json.getBytes(StandardCharsets.UTF_8), GroupsFileFormat.JSON, "test.json");
    }

    private static GroupsFile parseYaml(String yaml) {
        return GroupsFile.parse(yaml.getBytes(StandardCharsets.UTF_8), GroupsFileFormat.YAML, "test.yaml");
    }
}
