package io.covey.cli.commands;

import java.util.concurrent.Callable;

import io.covey.cli.CliException;
import io.covey.cli.CoveyCli;
import io.covey.cli.ExitCodes;
import io.covey.cli.Session;
import io.covey.cli.Terminal;
import io.covey.cli.WorkerTable;
import io.covey.core.api.GroupStatus;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/** Stops a group and forgets it. Asks first on a terminal; a script must say --yes. */
@Command(name = "nuke", description = "Stops every worker of a group and forgets the group. Asks first; --yes in scripts.")
public final class NukeCommand implements Callable<Integer> {
    @ParentCommand
    CoveyCli cli;

    @Parameters(paramLabel = "GROUP", description = "The group.")
    String group;

    @Option(names = {"-y", "--yes"}, description = "Do not ask.")
    boolean yes;

    @Override
    public Integer call() {
        Session session = cli.session();
        Terminal t = session.terminal();
        GroupStatus status = session.client().group(group);
        String what = "group " + t.untrusted(status.name()) + " and its " + WorkerTable.workers(status.workers().size());
        if (!yes) {
            if (!t.isInteractive()) {
                throw new CliException(ExitCodes.USAGE, "not nuking " + what + " without --yes (no terminal to ask on)");
            }
            if (!t.confirm("Stop and forget " + what + "?")) {
                t.println("nothing was changed");
                return ExitCodes.FAILURE;
            }
        }
        session.client().nukeGroup(group);
        t.println("nuked " + what);
        return ExitCodes.OK;
    }
}
