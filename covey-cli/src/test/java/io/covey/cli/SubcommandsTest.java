package io.covey.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

import picocli.CommandLine;

/** Only the subcommand a command line names is built, wherever the global options stand. */
class SubcommandsTest {

    @Test
    void findsTheSubcommandPastGlobalOptionsAndTheirValues() {
        assertThat(Subcommands.subcommandNamed("ls")).isEqualTo("ls");
        assertThat(Subcommands.subcommandNamed("--host", "http://h:7700", "--timeout", "2s", "logs", "w", "-f")).isEqualTo("logs");
        assertThat(Subcommands.subcommandNamed("--host=http://h:7700", "--no-color", "list")).isEqualTo("ls");
        assertThat(Subcommands.subcommandNamed("--version")).isNull();
        assertThat(Subcommands.subcommandNamed("lss")).isNull();
        // A value that looks like a command name is still the option's value.
        assertThat(Subcommands.subcommandNamed("--host", "top", "status", "x")).isEqualTo("status");
    }

    @Test
    void registersOneForANamedCommandAndAllOtherwise() {
        CommandLine one = new CommandLine(new CoveyCli());
        Subcommands.addFor(one, "status", "x");
        assertThat(one.getSubcommands()).containsOnlyKeys("status");

        CommandLine all = new CommandLine(new CoveyCli());
        Subcommands.addFor(all, "--help");
        assertThat(all.getSubcommands()).containsKeys("apply", "ls", "list", "status", "logs", "events", "stop", "restart", "kill",
                "nuke", "manifest", "top", "completion");
    }
}
