package io.covey.cli.commands;

import java.util.concurrent.Callable;

import io.covey.cli.CoveyCli;
import io.covey.cli.ExitCodes;
import io.covey.cli.OutputFormat;
import io.covey.cli.OutputOption;
import io.covey.cli.Session;
import io.covey.cli.Terminal;
import tools.jackson.databind.JsonNode;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.ParentCommand;

/**
 * The worker types the host may run. The host's manifest names them (a description of each
 * type's params is issue 17's); {@code -o json} passes the whole document on as the host sent it.
 */
@Command(name = "manifest", description = "Lists the worker types the host may run (-o json: the host's whole manifest).")
public final class ManifestCommand implements Callable<Integer> {
    @ParentCommand
    CoveyCli cli;

    @Mixin
    OutputOption output;

    @Override
    public Integer call() {
        Session session = cli.session();
        JsonNode manifest = session.client().getJson("/api/v1/manifest");
        Terminal t = session.terminal();
        if (output.format() != OutputFormat.TABLE) {
            t.println(output.format().write(manifest));
            return ExitCodes.OK;
        }
        for (JsonNode type : manifest.path("types")) {
            t.println(t.untrusted(type.asString()));
        }
        return ExitCodes.OK;
    }
}
