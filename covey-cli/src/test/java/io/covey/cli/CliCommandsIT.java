package io.covey.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import io.covey.core.json.CoveyJson;
import io.covey.core.lifecycle.WorkerState;
import io.covey.engine.testworkers.PokeableWorker;
import tools.jackson.databind.JsonNode;

/** The commands, run as the packaged executable against a real host. */
@ExtendWith(CliHost.class)
class CliCommandsIT {
    private static final String GROUPS = """
            # two groups, as an operator writes them
            groups:
              cli-web:
                workers:
                  - type: ServiceWorker
                    id: cli-svc
                    params: {name: web}
                  - type: PokeableWorker
                    id: cli-poke
                    params: {name: cli-poke, message: ready}
              cli-jobs:
                workers:
                  - type: CountdownJob
                    id: cli-count
                    params: {from: 3}
            """;

    @TempDir
    Path dir;
    private final Cli cli = Cli.forTestHost();

    @AfterEach
    void forget() {
        CliHost.nuke(List.of("cli-web", "cli-jobs", "cli-other", "cli-usage"));
    }

    private Path groupsFile() throws IOException {
        return Files.writeString(dir.resolve("groups.yaml"), GROUPS);
    }

    private static WorkerState state(String id) {
        return CliHost.manager().worker(id).state();
    }

    @Test
    void applyDryRunThenApplyThenApplyAgainChangesNothing() throws IOException {
        Path file = groupsFile();

        Cli.Result dry = cli.run("apply", "--dry-run", "-f", file.toString());
        assertThat(dry.exitCode()).as(dry.toString()).isZero();
        assertThat(dry.out()).contains("group cli-web: 2 started", "+ cli-svc", "+ cli-poke", "group cli-jobs: 1 started",
                "dry run: nothing was changed");
        assertThat(CliHost.manager().groups()).noneMatch(g -> g.name().startsWith("cli-"));

        Cli.Result first = cli.run("apply", "-f", file.toString());
        assertThat(first.exitCode()).as(first.toString()).isZero();
        assertThat(first.out()).contains("group cli-web: 2 started", "+ cli-svc", "group cli-jobs: 1 started", "+ cli-count")
                .doesNotContain("dry run");
        await().until(() -> state("cli-svc") == WorkerState.RUNNING && state("cli-count") == WorkerState.COMPLETED);

        Cli.Result second = cli.run("apply", "-f", file.toString());
        assertThat(second.exitCode()).as(second.toString()).isZero();
        assertThat(second.lines()).containsExactly("group cli-web: unchanged (2 workers)", "group cli-jobs: unchanged (1 worker)");
        assertThat(CliHost.manager().worker("cli-svc").attempt()).isEqualTo(1);
    }

    @Test
    void aBadFileNamesTheGroupAndIndexAndChangesNothing() throws IOException {
        Path typo = Files.writeString(dir.resolve("typo.json"),
                "{\"groups\":{\"cli-web\":{\"workers\":[{\"type\":\"ServiceWorker\",\"params\":{\"name\":\"a\"}},{\"typ\":\"X\"}]}}}");
        Cli.Result local = cli.run("apply", "-f", typo.toString());
        assertThat(local.exitCode()).isEqualTo(ExitCodes.FAILURE);
        assertThat(local.err()).startsWith("covey: " + typo + ": groups.cli-web.workers[1]: a worker spec needs a \"type\"")
                .doesNotContain("Exception").hasLineCount(1);

        // The host refuses the second group: the first one, valid, is not applied either.
        Path unknownType = Files.writeString(dir.resolve("unknown.yaml"), """
                groups:
                  cli-web: {workers: [{type: ServiceWorker, params: {name: a}}]}
                  cli-jobs: {workers: [{type: NoSuchType}]}
                """);
        Cli.Result remote = cli.run("apply", "-f", unknownType.toString());
        assertThat(remote.exitCode()).as(remote.toString()).isEqualTo(ExitCodes.FAILURE);
        assertThat(remote.err()).startsWith("covey: Unknown Worker Type: group 'cli-jobs': ").contains("NoSuchType", "nothing was changed")
                .hasLineCount(1);
        assertThat(CliHost.manager().groups()).noneMatch(g -> g.name().startsWith("cli-"));
    }

    @Test
    void lsShowsTheMemoryAndCpuOfAForeignWorker() throws IOException {
        Path file = Files.writeString(dir.resolve("usage.yaml"), """
                groups:
                  cli-usage: {workers: [{type: ServiceWorker, id: cli-measured, params: {name: m}, options: {foreign: true}}]}
                """);
        assertThat(cli.run("apply", "-f", file.toString()).exitCode()).isZero();
        await().atMost(Duration.ofSeconds(60)).until(() -> CliHost.manager().worker("cli-measured").cpuPercent() != null);

        Cli.Result table = cli.run("ls", "cli-usage");

        assertThat(table.exitCode()).as(table.toString()).isZero();
        assertThat(table.lines().get(0)).matches("GROUP +WORKER +TYPE +STATE +ATTEMPT +RESTARTS +UPTIME +PID +MEM +CPU +MESSAGE");
        assertThat(table.lines().get(1))
                .matches("cli-usage +cli-measured +ServiceWorker +RUNNING +1 +0 +\\d+s +\\d+ +\\d+\\.\\d MiB +\\d+\\.\\d% +.*");
    }

    @Test
    void lsAsATableAndAsJsonAndStatus() throws IOException {
        cli.run("apply", "-f", groupsFile().toString());
        await().until(() -> state("cli-svc") == WorkerState.RUNNING && state("cli-count") == WorkerState.COMPLETED);

        Cli.Result table = cli.run("ls");
        assertThat(table.exitCode()).as(table.toString()).isZero();
        assertThat(table.lines().get(0)).startsWith("GROUP").contains("WORKER", "TYPE", "STATE", "ATTEMPT", "RESTARTS", "UPTIME", "PID")
                .doesNotContain("MEM", "CPU");
        assertThat(table.lines()).anySatisfy(line -> assertThat(line).matches("cli-web +cli-svc +ServiceWorker +RUNNING +1 +0 +\\d+s +- +serving web"))
                .anySatisfy(line -> assertThat(line).matches("cli-jobs +cli-count +CountdownJob +COMPLETED +1 +0 +- +- +completed.*"));
        assertThat(table.out()).doesNotContain("\u001b[");

        Cli.Result json = cli.run("ls", "cli-web", "-o", "json");
        assertThat(json.exitCode()).isZero();
        JsonNode group = CoveyJson.mapper().readTree(json.out());
        assertThat(group.get("name").asString()).isEqualTo("cli-web");
        assertThat(group.get("workers")).extracting(w -> w.get("id").asString()).containsExactly("cli-svc", "cli-poke");

        Cli.Result yaml = cli.run("ls", "--output", "yaml");
        assertThat(yaml.out()).contains("- name: cli-web", "state: RUNNING");

        Cli.Result status = cli.run("status", "cli-count");
        assertThat(status.exitCode()).isZero();
        assertThat(status.out()).contains("worker    cli-count", "state     COMPLETED", "result    {\"counted\":3,\"message\":\"liftoff\"}");
    }

    @Test
    void unknownWorkersAndGroupsExit3WithTheHostsDetail() {
        Cli.Result status = cli.run("status", "no-such-worker");
        assertThat(status.exitCode()).isEqualTo(ExitCodes.NOT_FOUND);
        assertThat(status.out()).isEmpty();
        assertThat(status.err()).isEqualTo("covey: Not Found: no worker with id 'no-such-worker'\n");
        assertThat(cli.run("ls", "no-such-group").exitCode()).isEqualTo(ExitCodes.NOT_FOUND);
        assertThat(cli.run("stop", "no-such-group").exitCode()).isEqualTo(ExitCodes.NOT_FOUND);
        assertThat(cli.run("restart", "no-such-worker").exitCode()).isEqualTo(ExitCodes.NOT_FOUND);
        assertThat(cli.run("logs", "no-such-worker").exitCode()).isEqualTo(ExitCodes.NOT_FOUND);
    }

    @Test
    void logsWithTailAndFollowPrintLinesAsTheWorkerWritesThem() throws IOException {
        cli.run("apply", "-f", groupsFile().toString());
        await().until(() -> state("cli-poke") == WorkerState.RUNNING);
        for (int i = 1; i <= 5; i++) {
            assertThat(PokeableWorker.say("cli-poke", "before " + i)).isTrue();
        }
        await().until(() -> CliHost.manager().logs("cli-poke", 10).size() >= 6);

        Cli.Result tail = cli.run("logs", "cli-poke", "--tail", "2");
        assertThat(tail.exitCode()).isZero();
        assertThat(tail.lines()).containsExactly("before 4", "before 5");

        try (Cli.Running follow = cli.follow("logs", "cli-poke", "-n", "1", "-f")) {
            await().atMost(Duration.ofSeconds(20)).until(() -> follow.out.contains("before 5"));
            PokeableWorker.say("cli-poke", "live 1");
            await().until(() -> follow.out.contains("live 1"));
            PokeableWorker.say("cli-poke", "live 2");
            await().until(() -> follow.out.contains("live 2"));
            assertThat(follow.out).containsExactly("before 5", "live 1", "live 2");
            assertThat(follow.isAlive()).isTrue();
        }
    }

    @Test
    void eventsWithFilters() throws IOException {
        long before = CliHost.lastSeq();
        cli.run("apply", "-f", groupsFile().toString());
        await().until(() -> state("cli-count") == WorkerState.COMPLETED);

        Cli.Result lifecycle = cli.run("events", "--group", "cli-jobs", "--type", "lifecycle", "--since", String.valueOf(before));
        assertThat(lifecycle.exitCode()).as(lifecycle.toString()).isZero();
        assertThat(lifecycle.lines()).isNotEmpty().allMatch(line -> line.contains(" lifecycle ") && line.contains("cli-jobs/cli-count"));
        assertThat(lifecycle.out()).contains("#0 PENDING", "#1 RUNNING counting down from 3", "#1 COMPLETED");

        Cli.Result json = cli.run("events", "-w", "cli-count", "-t", "log,result", "--since", String.valueOf(before), "-o", "json");
        List<JsonNode> events = json.lines().stream().map(CoveyJson.mapper()::readTree).toList();
        assertThat(events).extracting(e -> e.get("type").asString()).containsExactly("log", "log", "log", "result");
        assertThat(events.get(3).get("result").get("counted").asInt()).isEqualTo(3);

        // From a seq taken now, so nothing of what follows can slip in before the stream is open.
        String now = String.valueOf(CliHost.lastSeq());
        try (Cli.Running follow = cli.follow("events", "-f", "--group", "cli-other", "--type", "lifecycle", "--since", now)) {
            CliHost.manager().runGroup("cli-other", List.of(new io.covey.engine.testworkers.ServiceWorker(
                    new io.covey.engine.testworkers.ServiceWorker.Params("other")).setId("cli-other-svc")));
            await().until(() -> follow.out.stream().anyMatch(line -> line.contains("cli-other/cli-other-svc  #1 RUNNING")));
            assertThat(follow.out).allMatch(line -> line.contains("cli-other/"));
        }
    }

    @Test
    void sendGivesAWorkerJsonOrAFilesBytes_andStatusSaysWhenAScheduledWorkerRunsNext() throws IOException {
        CliHost.manager().runGroup("cli-in", java.util.List.of(
                new io.covey.core.spec.WorkerSpec("InputSinkWorker", "cli-sink",
                        io.covey.core.json.CoveyJson.toTree(new io.covey.engine.testworkers.InputSinkWorker.Params("s", null)), null),
                new io.covey.core.spec.WorkerSpec("CountdownJob", "cli-timed",
                        io.covey.core.json.CoveyJson.toTree(java.util.Map.of("from", 0)), null)
                        .withSchedule(io.covey.core.spec.WorkerSchedule.ofCron("0 0 1 1 *"))));
        try {
            await().until(() -> state("cli-sink") == WorkerState.RUNNING);
            Cli.Result json = cli.run("send", "cli-sink", "{\"say\":\"hi\"}");
            assertThat(json.exitCode()).as(json.toString()).isZero();
            assertThat(json.out()).contains("queued for cli-sink attempt 1");
            java.nio.file.Path bytes = java.nio.file.Files.write(java.nio.file.Files.createTempFile("covey-send", ".bin"),
                    new byte[] {0, 1, (byte) 0xff});
            assertThat(cli.run("send", "cli-sink", "--file", bytes.toString()).exitCode()).isZero();
            await().until(() -> CliHost.manager().logs("cli-sink", 10).stream().map(l -> l.line()).toList()
                    .containsAll(java.util.List.of("json {\"say\":\"hi\"}", "bytes 0001ff")));

            Cli.Result notJson = cli.run("send", "cli-sink", "hi");
            assertThat(notJson.exitCode()).isEqualTo(ExitCodes.USAGE);
            assertThat(notJson.err()).contains("the input is not JSON");
            Cli.Result refused = cli.run("send", "cli-timed", "{}");
            assertThat(refused.exitCode()).isEqualTo(ExitCodes.FAILURE);
            assertThat(refused.err()).contains("takes no input");

            Cli.Result status = cli.run("status", "cli-timed");
            assertThat(status.out()).contains("next run").contains("-01-01T00:00:00Z");
        } finally {
            CliHost.manager().nukeGroup("cli-in");
        }
    }

    @Test
    void stopRestartAndNuke() throws IOException {
        cli.run("apply", "-f", groupsFile().toString());
        await().until(() -> state("cli-svc") == WorkerState.RUNNING);

        Cli.Result stop = cli.run("stop", "cli-web");
        assertThat(stop.exitCode()).as(stop.toString()).isZero();
        assertThat(stop.out()).contains("stopping group cli-web: 2 workers");
        await().until(() -> state("cli-svc") == WorkerState.STOPPED && state("cli-poke") == WorkerState.STOPPED);

        Cli.Result restart = cli.run("restart", "cli-svc");
        assertThat(restart.exitCode()).as(restart.toString()).isZero();
        await().until(() -> state("cli-svc") == WorkerState.RUNNING && CliHost.manager().worker("cli-svc").attempt() == 2);

        // A kill of a running worker is a crash of reason killed, and its restart policy brings it back.
        Cli.Result kill = cli.run("kill", "cli-svc");
        assertThat(kill.exitCode()).as(kill.toString()).isZero();
        assertThat(kill.out()).contains("killing cli-svc (group cli-web");
        await().until(() -> state("cli-svc") == WorkerState.RUNNING && CliHost.manager().worker("cli-svc").attempt() == 3);
        assertThat(cli.run("kill", "no-such-worker").exitCode()).isEqualTo(ExitCodes.NOT_FOUND);

        // No terminal to ask on: refused without --yes, and nothing changes.
        Cli.Result refused = cli.run("nuke", "cli-web");
        assertThat(refused.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(refused.err()).contains("without --yes");
        assertThat(CliHost.manager().group("cli-web").workers()).hasSize(2);

        Cli.Result nuke = cli.run("nuke", "cli-web", "--yes");
        assertThat(nuke.exitCode()).as(nuke.toString()).isZero();
        assertThat(nuke.out()).contains("nuked group cli-web and its 2 workers");
        assertThat(cli.run("ls", "cli-web").exitCode()).isEqualTo(ExitCodes.NOT_FOUND);
    }

    @Test
    void scaleStartsAndStopsTheHighestInstancesAndRefusesWhatItCannotDo() throws IOException {
        Path file = Files.writeString(dir.resolve("web.yaml"), """
                groups:
                  cli-web:
                    workers:
                      - {type: ServiceWorker, id: cli-api, params: {name: api}, instances: 1}
                """);
        assertThat(cli.run("apply", "-f", file.toString()).exitCode()).isZero();
        await().until(() -> state("cli-api-0") == WorkerState.RUNNING);

        Cli.Result up = cli.run("scale", "cli-api", "3");
        assertThat(up.exitCode()).as(up.toString()).isZero();
        assertThat(up.lines()).containsExactly("group cli-web: 2 started, 1 unchanged", "  + cli-api-1  started",
                "  + cli-api-2  started");
        await().until(() -> state("cli-api-1") == WorkerState.RUNNING && state("cli-api-2") == WorkerState.RUNNING);
        assertThat(cli.run("status", "cli-api-2").out()).contains("instance  2 of 3");

        Cli.Result down = cli.run("scale", "cli-api-2", "1");
        assertThat(down.exitCode()).as(down.toString()).isZero();
        assertThat(down.lines()).containsExactly("group cli-web: 2 stopped, 1 unchanged", "  - cli-api-1  stopped",
                "  - cli-api-2  stopped");
        await().untilAsserted(() -> assertThat(CliHost.manager().group("cli-web").workers()).extracting(w -> w.id())
                .containsExactly("cli-api-0"));
        assertThat(CliHost.manager().worker("cli-api-0").attempt()).isEqualTo(1);

        Cli.Result none = cli.run("scale", "cli-api", "0");
        assertThat(none.exitCode()).isEqualTo(ExitCodes.FAILURE);
        assertThat(none.err()).startsWith("covey: ").contains("at least 1").hasLineCount(1);
        assertThat(cli.run("scale", "no-such-worker", "2").exitCode()).isEqualTo(ExitCodes.NOT_FOUND);
        assertThat(cli.run("scale", "cli-api", "many").exitCode()).isEqualTo(ExitCodes.USAGE);
    }

    @Test
    void manifestVersionCompletionAndUsage() {
        Cli.Result manifest = cli.run("manifest");
        assertThat(manifest.lines()).contains("CountdownJob", "PokeableWorker", "ServiceWorker");
        assertThat(CoveyJson.mapper().readTree(cli.run("manifest", "-o", "json").out()).get("types")).hasSizeGreaterThan(3);

        Cli.Result version = Cli.bare().run("--version");
        assertThat(version.exitCode()).isZero();
        assertThat(version.out()).startsWith("covey 0.1.0-SNAPSHOT");

        Cli.Result completion = Cli.bare().run("completion");
        assertThat(completion.exitCode()).isZero();
        assertThat(completion.out()).contains("complete -F", "covey", "apply", "logs", "--follow");

        Cli.Result usage = Cli.bare().run("lss");
        assertThat(usage.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(usage.err()).contains("covey: Unmatched argument at index 0: 'lss'").contains("ls");
        assertThat(Cli.bare().run("logs").exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(Cli.bare().run("ls", "--timeout", "soon").err()).contains("'soon' is not a duration");
    }
}
