package io.covey.cli.commands;

import java.util.concurrent.Callable;

import io.covey.cli.CoveyCli;
import io.covey.cli.ExitCodes;
import io.covey.cli.Session;
import io.covey.cli.WorkerTable;
import io.covey.core.api.GroupStatus;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

@Command(name = "stop", description = "Stops every worker of a group and keeps its declaration (covey apply runs it again).")
public final class StopCommand implements Callable<Integer> {
    @ParentCommand
    CoveyCli cli;

    @Parameters(paramLabel = "GROUP", description = "The group.")
    String group;

    @Override
    public Integer call() {
        Session session = cli.session();
        GroupStatus status = session.client().stopGroup(group);
        session.terminal().println("stopping group " + session.terminal().untrusted(status.name()) + ": "
                + WorkerTable.workers(status.workers().size()) + " (covey ls shows when they have stopped)");
        return ExitCodes.OK;
    }
}
