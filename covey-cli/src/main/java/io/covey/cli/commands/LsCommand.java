package io.covey.cli.commands;

import java.time.Instant;
import java.util.List;
import java.util.concurrent.Callable;

import io.covey.cli.CoveyCli;
import io.covey.cli.ExitCodes;
import io.covey.cli.OutputFormat;
import io.covey.cli.OutputOption;
import io.covey.cli.Session;
import io.covey.cli.WorkerTable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

@Command(name = "ls", aliases = "list", description = "Lists the workers of every group, or of one.")
public final class LsCommand implements Callable<Integer> {
    @ParentCommand
    CoveyCli cli;

    @Parameters(arity = "0..1", paramLabel = "GROUP", description = "Only this group.")
    String group;

    @Mixin
    OutputOption output;

    @Override
    public Integer call() {
        Session session = cli.session();
        JsonNode document = group == null ? session.client().getJson("/api/v1/groups")
                : session.client().getJson("/api/v1/groups/{name}", group);
        if (output.format() != OutputFormat.TABLE) {
            session.terminal().println(output.format().write(document));
            return ExitCodes.OK;
        }
        JsonNode groups = group == null ? document : JsonNodeFactory.instance.arrayNode().add(document);
        List<WorkerTable.Row> rows = WorkerTable.rows(groups);
        if (rows.isEmpty()) {
            session.terminal().warn(groups.isEmpty() ? "no groups are declared" : "no workers in " + describe(groups));
            return ExitCodes.OK;
        }
        WorkerTable.table(rows, Instant.now(), session.terminal()).render(session.terminal(), 0)
                .forEach(session.terminal()::println);
        return ExitCodes.OK;
    }

    private static String describe(JsonNode groups) {
        return groups.size() == 1 ? "group '" + groups.get(0).path("name").asString() + "'" : "any group";
    }
}
