package io.covey.cli.commands;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

import io.covey.cli.CliException;
import io.covey.cli.CoveyCli;
import io.covey.cli.ExitCodes;
import io.covey.cli.Session;
import io.covey.cli.Terminal;
import io.covey.cli.Terminal.Style;
import io.covey.cli.WorkerTable;
import io.covey.client.CoveyClient;
import io.covey.client.CoveyClientException;
import io.covey.core.api.GroupDiff;
import io.covey.core.spec.CoveyGroup;
import io.covey.core.spec.GroupsFile;
import io.covey.core.spec.GroupsFileFormat;
import io.covey.core.spec.GroupsFileReader;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/**
 * Declares the groups of a groups file, one runGroup per group in the file's order, and prints
 * each diff. Every group is first checked by the host with a dry run, so a file with a bad
 * declaration in its third group changes nothing; only a conflict (a worker id held by another
 * group) is left to the real run, since an earlier group of the same file may be the one giving
 * that id up.
 */
@Command(name = "apply", description = "Declares the groups of a groups file (JSON or YAML) and prints what changed.")
public final class ApplyCommand implements Callable<Integer> {
    @ParentCommand
    CoveyCli cli;

    @Option(names = {"-f", "--file"}, required = true, paramLabel = "FILE",
            description = "The groups file: {\"groups\":{\"<name>\":{\"workers\":[spec...]}}} in JSON or YAML; - reads stdin.")
    String file;

    @Option(names = "--dry-run", description = "Print what would change and change nothing (the host computes it).")
    boolean dryRun;

    @Override
    public Integer call() {
        GroupsFile groups = read();
        Session session = cli.session();
        CoveyClient client = session.client();
        if (groups.groups().isEmpty()) {
            session.terminal().warn(file + " declares no groups");
        }
        List<GroupDiff> checked = new ArrayList<>();
        for (CoveyGroup group : groups.groups()) {
            checked.add(checkFirst(client, group));
        }
        for (int i = 0; i < groups.groups().size(); i++) {
            CoveyGroup group = groups.groups().get(i);
            GroupDiff diff = dryRun && checked.get(i) != null ? checked.get(i)
                    : dryRun ? client.dryRunGroup(group) : client.runGroup(group);
            print(session.terminal(), diff);
        }
        if (dryRun) {
            session.terminal().println(session.terminal().paint("(dry run: nothing was changed)", Style.DIM));
        }
        return ExitCodes.OK;
    }

    private GroupsFile read() {
        if (!file.equals("-")) {
            return GroupsFile.read(Path.of(file));
        }
        try {
            byte[] content = System.in.readNBytes(GroupsFileReader.MAX_BYTES + 1);
            return GroupsFile.parse(content, GroupsFileFormat.detect("", content), "standard input");
        } catch (IOException e) {
            throw new CliException(ExitCodes.FAILURE, "cannot read standard input: " + e.getMessage());
        }
    }

    /** The host's dry run of the group; null when only the real run can tell (a conflict an earlier group may resolve). */
    private static GroupDiff checkFirst(CoveyClient client, CoveyGroup group) {
        try {
            return client.dryRunGroup(group);
        } catch (CoveyClientException e) {
            if (e.status() == 409) {
                return null;
            }
            throw new CoveyClientException(e.status(), e.title(), "group '" + group.name() + "': " + e.detail()
                    + "; nothing was changed", e.uri(), e);
        }
    }

    static void print(Terminal t, GroupDiff diff) {
        List<String> replaced = diff.started().stream().filter(diff.stopped()::contains).toList();
        List<String> started = diff.started().stream().filter(id -> !replaced.contains(id)).toList();
        List<String> stopped = diff.stopped().stream().filter(id -> !replaced.contains(id)).toList();
        String name = t.paint(t.untrusted(diff.group()), Style.BOLD);
        if (!diff.changedAnything()) {
            t.println("group " + name + ": unchanged (" + WorkerTable.workers(diff.unchanged().size()) + ")");
            return;
        }
        List<String> counts = new ArrayList<>();
        for (var count : List.of(List.of(started.size(), "started"), List.of(replaced.size(), "replaced"),
                List.of(stopped.size(), "stopped"), List.of(diff.unchanged().size(), "unchanged"))) {
            if ((int) count.get(0) > 0) {
                counts.add(count.get(0) + " " + count.get(1));
            }
        }
        t.println("group " + name + ": " + String.join(", ", counts));
        started.forEach(id -> t.println("  " + t.paint("+ " + t.untrusted(id), Style.GREEN) + "  started"));
        replaced.forEach(id -> t.println("  " + t.paint("~ " + t.untrusted(id), Style.YELLOW) + "  replaced (its declaration changed)"));
        stopped.forEach(id -> t.println("  " + t.paint("- " + t.untrusted(id), Style.RED) + "  stopped"));
    }
}
