package io.covey.cli.commands;

import java.util.concurrent.Callable;

import io.covey.cli.CoveyCli;
import io.covey.cli.ExitCodes;
import io.covey.cli.Session;
import io.covey.core.api.WorkerStatus;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/** For a stop that hangs: `stop` asks, `kill` does not (POST /api/v1/workers/{id}/kill). */
@Command(name = "kill", description = "Ends a worker's attempt now: SIGKILL of a foreign worker's whole process tree,"
        + " a forced stop of an in-process one. While stopping it ends STOPPED (forced); while running it ends"
        + " CRASHED (killed) and its restart policy applies.")
public final class KillCommand implements Callable<Integer> {
    @ParentCommand
    CoveyCli cli;

    @Parameters(paramLabel = "ID", description = "The worker's id.")
    String id;

    @Override
    public Integer call() {
        Session session = cli.session();
        WorkerStatus status = session.client().kill(id);
        session.terminal().println("killing " + session.terminal().untrusted(status.id()) + " (group "
                + session.terminal().untrusted(status.group()) + ", " + status.state() + ")");
        return ExitCodes.OK;
    }
}
