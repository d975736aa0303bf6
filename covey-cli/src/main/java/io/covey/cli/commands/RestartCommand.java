package io.covey.cli.commands;

import java.util.concurrent.Callable;

import io.covey.cli.CoveyCli;
import io.covey.cli.ExitCodes;
import io.covey.cli.Session;
import io.covey.core.api.WorkerStatus;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

@Command(name = "restart", description = "Starts a worker anew (stopping it first if it runs) and resets its crash count.")
public final class RestartCommand implements Callable<Integer> {
    @ParentCommand
    CoveyCli cli;

    @Parameters(paramLabel = "ID", description = "The worker's id.")
    String id;

    @Override
    public Integer call() {
        Session session = cli.session();
        WorkerStatus status = session.client().restartWorker(id);
        session.terminal().println("restarting " + session.terminal().untrusted(status.id()) + " (group "
                + session.terminal().untrusted(status.group()) + ")");
        return ExitCodes.OK;
    }
}
