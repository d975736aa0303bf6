package io.covey.cli;

import java.time.Duration;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;

/**
 * {@code covey}: the command line for a Covey host. Global options may come before or after the
 * subcommand. No Spring context: a command is a picocli parse, a few HTTP calls and some printing.
 */
@Command(name = "covey", mixinStandardHelpOptions = true, versionProvider = Version.class, usageHelpAutoWidth = true,
        description = "Operates a Covey host: declare groups, list, follow and control workers.",
        footerHeading = "%nEnvironment:%n",
        footer = {"  COVEY_HOST       the host's URL (default " + Session.DEFAULT_HOST + ")",
                "  COVEY_API_TOKEN  the host's bearer token (else the config file's 'token')",
                "  COVEY_CONFIG     the config file (default ~/.config/covey/config: host=..., token=...)",
                "  NO_COLOR         no colors, as --no-color",
                "%nExit codes: 0 ok, 1 failure, 2 usage, 3 not found, 4 unauthorized, 5 host unreachable."})
public final class CoveyCli {
    @Option(names = "--host", scope = ScopeType.INHERIT, paramLabel = "URL",
            description = "The Covey host (default: $COVEY_HOST, the config file's 'host', or " + Session.DEFAULT_HOST + ").")
    String host;

    @Option(names = "--timeout", scope = ScopeType.INHERIT, paramLabel = "DURATION", defaultValue = "10s",
            converter = DurationConverter.class,
            description = "How long to wait for the host to connect and to answer a call, e.g. 500ms, 10s (default: ${DEFAULT-VALUE}).")
    Duration timeout;

    @Option(names = "--no-color", scope = ScopeType.INHERIT, description = "No colors, even on a terminal.")
    boolean noColor;

    private Session session;

    /** The connection and the terminal, made on first use so that --help and --version need neither. */
    public Session session() {
        if (session == null) {
            session = Session.open(host, timeout, noColor);
        }
        return session;
    }

    void flush() {
        if (session != null) {
            session.terminal().flush();
        }
    }

    void close() {
        if (session != null) {
            session.close();
        }
    }

    public static void main(String[] args) {
        System.exit(run(args));
    }

    public static int run(String... args) {
        CoveyCli cli = new CoveyCli();
        CommandLine commandLine = new CommandLine(cli);
        Subcommands.addFor(commandLine, args);
        ErrorReporter errors = new ErrorReporter(cli::flush);
        commandLine.setExecutionExceptionHandler(errors);
        commandLine.setParameterExceptionHandler(errors);
        commandLine.setCaseInsensitiveEnumValuesAllowed(true);
        try {
            return commandLine.execute(args);
        } finally {
            cli.close();
        }
    }
}
