package io.covey.cli;

import picocli.CommandLine.Option;

/** The {@code -o table|json|yaml} option, mixed into the commands that print documents. */
public final class OutputOption {
    @Option(names = {"-o", "--output"}, paramLabel = "FORMAT", defaultValue = "table",
            description = "table, json or yaml (default: ${DEFAULT-VALUE}).")
    OutputFormat format;

    public OutputFormat format() {
        return format;
    }
}
