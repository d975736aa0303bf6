package io.covey.cli.commands;

import java.util.concurrent.Callable;

import io.covey.cli.CoveyCli;
import io.covey.cli.ExitCodes;
import io.covey.cli.Session;
import io.covey.core.api.GroupDiff;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

@Command(name = "scale", description = "Runs a worker's declaration as N instances (ids ID-0 ... ID-(N-1)): the ones it"
        + " gains start, the highest ones it loses stop; the others are left alone.")
public final class ScaleCommand implements Callable<Integer> {
    @ParentCommand
    CoveyCli cli;

    @Parameters(index = "0", paramLabel = "ID", description = "The declaration's id, or the id of one of its instances.")
    String id;

    @Parameters(index = "1", paramLabel = "N", description = "How many instances, at least 1.")
    int instances;

    @Override
    public Integer call() {
        Session session = cli.session();
        GroupDiff diff = session.client().scale(id, instances);
        ApplyCommand.print(session.terminal(), diff);
        return ExitCodes.OK;
    }
}
