package io.covey.cli;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;

import io.covey.cli.commands.ApplyCommand;
import io.covey.cli.commands.CdsTrainingCommand;
import io.covey.cli.commands.EventsCommand;
import io.covey.cli.commands.KillCommand;
import io.covey.cli.commands.LogsCommand;
import io.covey.cli.commands.LsCommand;
import io.covey.cli.commands.ManifestCommand;
import io.covey.cli.commands.NukeCommand;
import io.covey.cli.commands.RestartCommand;
import io.covey.cli.commands.ScaleCommand;
import io.covey.cli.commands.SendCommand;
import io.covey.cli.commands.StatusCommand;
import io.covey.cli.commands.StopCommand;
import io.covey.cli.commands.TopCommand;
import picocli.AutoComplete;
import picocli.CommandLine;

/**
 * The subcommands, registered with picocli only as far as a command line needs them. Building
 * picocli's model of a command reads its annotations reflectively, some 10 ms per command: a
 * {@code covey ls} registers {@code ls} alone, while help, completion and anything picocli must
 * judge (an unknown name) get them all.
 */
final class Subcommands {
    /** In the order help lists them. */
    private static final Map<String, Supplier<Object>> ALL = new LinkedHashMap<>();
    private static final Set<String> GLOBAL_OPTIONS_WITH_VALUES = Set.of("--host", "--timeout");

    static {
        ALL.put("apply", ApplyCommand::new);
        ALL.put("ls", LsCommand::new);
        ALL.put("status", StatusCommand::new);
        ALL.put("logs", LogsCommand::new);
        ALL.put("events", EventsCommand::new);
        ALL.put("stop", StopCommand::new);
        ALL.put("restart", RestartCommand::new);
        ALL.put("kill", KillCommand::new);
        ALL.put("scale", ScaleCommand::new);
        ALL.put("send", SendCommand::new);
        ALL.put("nuke", NukeCommand::new);
        ALL.put("manifest", ManifestCommand::new);
        ALL.put("top", TopCommand::new);
        ALL.put("completion", AutoComplete.GenerateCompletion::new);
        ALL.put("__cds-training", CdsTrainingCommand::new);
    }

    private static final Map<String, String> ALIASES = Map.of("list", "ls");

    private Subcommands() {
    }

    static void addFor(CommandLine root, String... args) {
        String named = subcommandNamed(args);
        if (named != null && !named.equals("completion")) {
            add(root, named);
        } else {
            ALL.keySet().forEach(name -> add(root, name));
        }
    }

    private static void add(CommandLine root, String name) {
        root.addSubcommand(name, ALL.get(name).get());
        if (name.equals("completion")) {
            root.getSubcommands().get(name).getCommandSpec().usageMessage().hidden(false)
                    .description("Prints a completion script for bash and zsh: source <(covey completion)");
        }
    }

    /** The subcommand the arguments name, skipping global options and their values; null when none is named. */
    static String subcommandNamed(String... args) {
        List<String> list = List.of(args);
        for (int i = 0; i < list.size(); i++) {
            String arg = list.get(i);
            if (GLOBAL_OPTIONS_WITH_VALUES.contains(arg)) {
                i++;
            } else if (!arg.startsWith("-")) {
                String name = ALIASES.getOrDefault(arg, arg);
                return ALL.containsKey(name) ? name : null;
            }
        }
        return null;
    }
}
