package io.covey.cli.commands;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.Callable;

import io.covey.cli.CoveyCli;
import io.covey.cli.ExitCodes;
import io.covey.cli.OutputFormat;
import io.covey.cli.OutputOption;
import io.covey.cli.Session;
import io.covey.cli.Terminal;
import io.covey.cli.WorkerTable;
import io.covey.core.json.CoveyJson;
import tools.jackson.databind.JsonNode;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

@Command(name = "status", description = "Shows one worker: state, attempt, restarts, pid, times, health, result, spec.")
public final class StatusCommand implements Callable<Integer> {
    @ParentCommand
    CoveyCli cli;

    @Parameters(paramLabel = "ID", description = "The worker's id.")
    String id;

    @Mixin
    OutputOption output;

    @Override
    public Integer call() {
        Session session = cli.session();
        JsonNode document = session.client().getJson("/api/v1/workers/{id}", id);
        Terminal t = session.terminal();
        if (output.format() != OutputFormat.TABLE) {
            t.println(output.format().write(document));
            return ExitCodes.OK;
        }
        WorkerTable.Row w = WorkerTable.Row.of(document);
        WorkerTable.Row row = w;
        Instant now = Instant.now();
        field(t, "worker", t.untrusted(w.id()));
        field(t, "group", t.untrusted(w.group()));
        field(t, "type", t.untrusted(w.type()) + (w.foreign() ? " (child JVM)" : " (in-process)"));
        field(t, "state", t.paint(String.valueOf(w.state()), WorkerTable.style(w.state()))
                + (w.message() == null || w.message().isBlank() ? "" : "  " + t.untrusted(w.message())));
        field(t, "attempt", w.attempt() + ", restarts " + w.restarts());
        field(t, "pid", w.pid() == null ? "-" : String.valueOf(w.pid()));
        field(t, "started", when(w.startedAt(), now));
        field(t, "ended", when(w.endedAt(), now) + (w.forced() ? " (stop forced)" : ""));
        if (row.memoryBytes() != null || row.cpuPercent() != null) {
            field(t, "usage", (row.memoryBytes() == null ? "" : "memory " + WorkerTable.bytes(row.memoryBytes()) + "  ")
                    + (row.cpuPercent() == null ? "" : "cpu " + row.cpuPercent() + "%"));
        }
        JsonNode instance = document.get("instance");
        if (instance != null && instance.isIntegralNumber()) {
            JsonNode count = document.path("spec").path("instances");
            field(t, "instance", instance.asInt() + (count.isIntegralNumber() ? " of " + count.asInt() : ""));
        }
        if (document.hasNonNull("nextRunAt")) {
            Instant next = Instant.parse(document.get("nextRunAt").asString());
            field(t, "next run", next + " (in " + WorkerTable.age(Duration.between(now, next)) + ")");
        }
        if (document.path("critical").asBoolean()) {
            field(t, "critical", "yes: the host's readiness waits for it");
        }
        for (String name : new String[] {"health", "result", "spec"}) {
            JsonNode value = document.get(name);
            if (value != null && !value.isNull()) {
                field(t, name, t.untrusted(CoveyJson.write(value)));
            }
        }
        return ExitCodes.OK;
    }

    private static void field(Terminal t, String name, String value) {
        t.println(t.paint(String.format("%-9s", name), Terminal.Style.BOLD) + " " + value);
    }

    private static String when(Instant time, Instant now) {
        return time == null ? "-" : time + " (" + WorkerTable.age(Duration.between(time, now)) + " ago)";
    }
}
