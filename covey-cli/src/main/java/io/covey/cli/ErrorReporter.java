package io.covey.cli;

import java.io.PrintWriter;

import io.covey.client.CoveyClientException;
import io.covey.core.api.CoveyException;
import picocli.CommandLine;
import picocli.CommandLine.IExecutionExceptionHandler;
import picocli.CommandLine.IParameterExceptionHandler;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParseResult;

/**
 * Every failure as one line on stderr and an exit code, never a stack trace (unless
 * {@code COVEY_DEBUG} is set): the host's problem title and detail, or what is wrong with the
 * command line and where to read more.
 */
final class ErrorReporter implements IExecutionExceptionHandler, IParameterExceptionHandler {
    private final Runnable flushOutput;

    /** {@code flushOutput} writes out what the command printed so far, so the error comes after it. */
    ErrorReporter(Runnable flushOutput) {
        this.flushOutput = flushOutput;
    }

    @Override
    public int handleExecutionException(Exception e, CommandLine command, ParseResult parseResult) {
        if (System.getenv("COVEY_DEBUG") != null) {
            e.printStackTrace();
        }
        int code;
        String message;
        if (e instanceof CoveyClientException host) {
            code = ExitCodes.of(host);
            message = describe(host);
        } else if (e instanceof CliException cli) {
            code = cli.exitCode();
            message = cli.getMessage();
        } else if (e instanceof CoveyException covey) {
            code = ExitCodes.FAILURE;
            message = covey.getMessage();
        } else {
            code = ExitCodes.FAILURE;
            message = "failed: " + e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage());
        }
        flushOutput.run();
        System.err.println("covey: " + oneLine(message));
        System.err.flush();
        return code;
    }

    @Override
    public int handleParseException(ParameterException e, String[] args) {
        CommandLine command = e.getCommandLine();
        PrintWriter err = command.getErr();
        err.println("covey: " + oneLine(e.getMessage()));
        if (!CommandLine.UnmatchedArgumentException.printSuggestions(e, err)) {
            err.println("Try '" + command.getCommandSpec().qualifiedName() + " --help' for more.");
        }
        err.flush();
        return command.getCommandSpec().exitCodeOnInvalidInput();
    }

    private static String describe(CoveyClientException e) {
        if (e.isUnreachable()) {
            return e.detail();
        }
        String line = (e.title() == null || e.title().isBlank() ? "HTTP " + e.status() : e.title()) + ": " + e.detail();
        if (e.status() == 401) {
            line += " (set COVEY_API_TOKEN, or token= in ~/.config/covey/config)";
        }
        return line;
    }

    /** Host text can hold newlines and control characters: one line, nothing a terminal would act on. */
    static String oneLine(String text) {
        if (text == null) {
            return "";
        }
        StringBuilder line = new StringBuilder(text.length());
        text.codePoints().forEach(c -> line.appendCodePoint(Character.isISOControl(c) ? ' ' : c));
        return line.toString().replaceAll(" {2,}", " ").trim();
    }
}
