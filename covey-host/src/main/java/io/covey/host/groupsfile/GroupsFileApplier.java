package io.covey.host.groupsfile;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

import io.covey.core.api.CoveyException;
import io.covey.core.api.GroupDiff;
import io.covey.core.api.GroupStatus;
import io.covey.core.event.LogEvent;
import io.covey.core.spec.CoveyGroup;
import io.covey.core.spec.GroupsFile;
import io.covey.core.spec.GroupsFileFormat;
import io.covey.core.spec.GroupsFileReader;
import io.covey.engine.CoveyManager;

/**
 * Applies the groups file ({@code covey.host.groups-file}) to the manager: one runGroup per group
 * the file names, and a nuke of each group an earlier version of the file named and this one does
 * not. The whole file is read and checked first ({@link GroupsFileReader}, {@link GroupsFileCheck}):
 * one that does not parse or fit changes nothing, and is reported in the log, as an event (a
 * {@code log} event of stream {@code covey}, no group or worker) and in the health details.
 * <p>
 * At start and on reload every group of the file is applied, so the file's declarations hold
 * again; when the file changes, only the groups whose declaration changed, appeared or went, so a
 * group changed or stopped over the API stays as it is until the file changes it.
 */
public final class GroupsFileApplier {
    static final String STREAM = "covey";
    private static final System.Logger LOG = System.getLogger(GroupsFileApplier.class.getName());

    private final Path file;
    private final CoveyManager manager;
    private final AppliedGroups appliedGroups;
    private final Clock clock;
    /** The file as last applied in full; null before the first success. */
    private GroupsFile lastApplied;
    /** The digest of the content last read (applied or not), so an unchanged file is not applied again on a change event. */
    private byte[] lastRead;
    private volatile GroupsFileOutcome lastOutcome;
    private volatile GroupsFileOutcome lastSuccess;

    public GroupsFileApplier(Path file, CoveyManager manager, Path stateDirectory, Clock clock) {
        this.file = file.toAbsolutePath().normalize();
        this.manager = manager;
        this.appliedGroups = new AppliedGroups(stateDirectory);
        this.clock = clock;
    }

    public Path file() {
        return file;
    }

    /** Reads and applies the whole file (at start, and when asked to reload). */
    public synchronized GroupsFileOutcome applyAll(String trigger) {
        return apply(trigger, false);
    }

    /** Applies what changed, if the file's content is not what was read last (a watcher saw the directory change). */
    public synchronized Optional<GroupsFileOutcome> applyIfChanged() {
        byte[] digest = digest(readOrNull());
        if (Arrays.equals(digest, lastRead)) {
            return Optional.empty();
        }
        return Optional.of(apply("change", true));
    }

    public GroupsFileOutcome lastOutcome() {
        return lastOutcome;
    }

    /** The last outcome that applied the file; null while none did. */
    public GroupsFileOutcome lastSuccess() {
        return lastSuccess;
    }

    private GroupsFileOutcome apply(String trigger, boolean onlyChanges) {
        byte[] content = readOrNull();
        lastRead = digest(content);
        GroupsFile next;
        try {
            next = content == null ? GroupsFile.read(file) // fails, saying why the file cannot be read
                    : GroupsFile.parse(content, GroupsFileFormat.detect(file.getFileName().toString(), content), file.toString());
            GroupsFileCheck.check(file.toString(), next, manager.manifest(), manager.settings(), manager.groups());
        } catch (CoveyException e) {
            return refused(trigger, List.of(), List.of(), e.getMessage() + "; nothing was changed");
        }
        Set<String> named = new LinkedHashSet<>(next.groupNames());
        Set<String> earlier = new LinkedHashSet<>(appliedGroups.names());
        if (lastApplied != null) {
            earlier.addAll(lastApplied.groupNames());
        }
        List<GroupDiff> diffs = new ArrayList<>();
        List<String> removed = new ArrayList<>();
        Set<String> owned = new LinkedHashSet<>(earlier);
        try {
            for (CoveyGroup group : next.groups()) {
                boolean unchanged = onlyChanges && lastApplied != null && lastApplied.group(group.name()).equals(Optional.of(group));
                if (!unchanged) {
                    diffs.add(manager.runGroup(group));
                    owned.add(group.name());
                }
            }
            Set<String> existing = manager.groups().stream().map(GroupStatus::name).collect(Collectors.toSet());
            for (String name : earlier) {
                if (!named.contains(name)) {
                    if (existing.contains(name)) {
                        manager.nukeGroup(name);
                    }
                    removed.add(name);
                    owned.remove(name);
                }
            }
        } catch (CoveyException e) {
            // Checked above, so only a declaration that raced with this one gets here.
            appliedGroups.save(List.copyOf(owned));
            return refused(trigger, diffs, removed, file + ": applied " + names(diffs) + ", then refused: " + e.getMessage());
        }
        lastApplied = next;
        appliedGroups.save(next.groupNames());
        GroupsFileOutcome outcome = new GroupsFileOutcome(file.toString(), trigger, clock.instant(), true, diffs, removed, null);
        lastOutcome = outcome;
        lastSuccess = outcome;
        String note = "groups file " + file + " applied (" + trigger + "): " + (diffs.isEmpty() ? "no group changed" : "groups " + names(diffs))
                + (removed.isEmpty() ? "" : "; removed " + String.join(", ", removed));
        LOG.log(System.Logger.Level.INFO, note);
        publish(note);
        return outcome;
    }

    private GroupsFileOutcome refused(String trigger, List<GroupDiff> diffs, List<String> removed, String error) {
        GroupsFileOutcome outcome = new GroupsFileOutcome(file.toString(), trigger, clock.instant(), false, diffs, removed, error);
        lastOutcome = outcome;
        String note = "groups file not applied (" + trigger + "): " + error;
        LOG.log(System.Logger.Level.WARNING, note);
        publish(note);
        return outcome;
    }

    private void publish(String line) {
        manager.journal().append(new LogEvent(0, clock.instant(), null, null, 0, STREAM, line));
    }

    private static String names(List<GroupDiff> diffs) {
        return diffs.isEmpty() ? "no group" : diffs.stream().map(GroupDiff::group).collect(Collectors.joining(", "));
    }

    /** The file's bytes, or null when it cannot be read (missing, a directory, too large: the reader says which). */
    private byte[] readOrNull() {
        try {
            if (!Files.isRegularFile(file) || Files.size(file) > GroupsFileReader.MAX_BYTES) {
                return null;
            }
            return Files.readAllBytes(file);
        } catch (IOException e) {
            return null;
        }
    }

    private static byte[] digest(byte[] content) {
        if (content == null) {
            return new byte[0];
        }
        try {
            return MessageDigest.getInstance("SHA-256").digest(content);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK has no SHA-256", e);
        }
    }
}
