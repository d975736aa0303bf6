package io.covey.cli.commands;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;

import io.covey.cli.CoveyCli;
import io.covey.cli.ExitCodes;
import io.covey.cli.Session;
import io.covey.core.api.InputReceipt;
import io.covey.core.json.CoveyJson;
import io.covey.core.worker.WorkerInput;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import tools.jackson.core.JacksonException;

@Command(name = "send", description = "Sends input to a running worker that takes it: JSON, or a file's bytes (--file).")
public final class SendCommand implements Callable<Integer> {
    @ParentCommand
    CoveyCli cli;

    @Parameters(index = "0", paramLabel = "ID", description = "The worker's id.")
    String id;

    @Parameters(index = "1", arity = "0..1", paramLabel = "JSON",
            description = "The input as JSON text, e.g. '{\"say\":\"hi\"}' or '\"a string\"'.")
    String json;

    @Option(names = {"-f", "--file"}, paramLabel = "FILE", description = "Send this file's bytes, unchanged (application/octet-stream).")
    Path file;

    @Override
    public Integer call() {
        Session session = cli.session();
        WorkerInput input;
        if ((json == null) == (file == null)) {
            session.terminal().error("give the input either as JSON text or as --file FILE");
            return ExitCodes.USAGE;
        }
        if (file != null) {
            try {
                input = WorkerInput.bytes(Files.readAllBytes(file));
            } catch (IOException e) {
                session.terminal().error("cannot read " + file + ": " + e.getMessage());
                return ExitCodes.FAILURE;
            }
        } else {
            try {
                input = new WorkerInput.Json(CoveyJson.mapper().readTree(json));
            } catch (JacksonException e) {
                session.terminal().error("the input is not JSON (quote a string: '\"text\"'; send bytes with --file): "
                        + e.getOriginalMessage());
                return ExitCodes.USAGE;
            }
        }
        InputReceipt receipt = session.client().send(id, input);
        session.terminal().println("queued for " + session.terminal().untrusted(receipt.worker()) + " attempt " + receipt.attempt()
                + " (" + receipt.pending() + " not yet handled)");
        return ExitCodes.OK;
    }
}
