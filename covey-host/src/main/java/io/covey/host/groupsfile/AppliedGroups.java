package io.covey.host.groupsfile;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;

import io.covey.core.json.CoveyJson;
import tools.jackson.core.JacksonException;

/**
 * The names of the groups the groups file declared when it was last applied, so that a group
 * taken out of the file is removed, even across a restart of the host. Kept in
 * {@code <state-dir>/groups-file.json} beside the desired state, or in memory without a state
 * directory (then nothing survives a restart to be removed).
 */
final class AppliedGroups {
    static final String FILE_NAME = "groups-file.json";
    private static final System.Logger LOG = System.getLogger(AppliedGroups.class.getName());

    private final Path file;
    private List<String> names;

    /** @param stateDirectory null keeps the names in memory only */
    AppliedGroups(Path stateDirectory) {
        this.file = stateDirectory == null ? null : stateDirectory.resolve(FILE_NAME);
        this.names = load();
    }

    synchronized List<String> names() {
        return names;
    }

    synchronized void save(List<String> applied) {
        names = List.copyOf(applied);
        if (file == null) {
            return;
        }
        Path temp = file.resolveSibling(FILE_NAME + ".tmp");
        try {
            Files.createDirectories(file.getParent());
            Files.write(temp, CoveyJson.mapper().writeValueAsBytes(new Saved(names)));
            try {
                Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException | JacksonException e) {
            LOG.log(System.Logger.Level.WARNING, "cannot write " + file + " (" + e.getMessage() + "): a group taken out of the"
                    + " groups file while the host is down may stay after the next start");
        }
    }

    private List<String> load() {
        if (file == null || !Files.exists(file)) {
            return List.of();
        }
        try {
            Saved saved = CoveyJson.mapper().readValue(Files.readString(file, StandardCharsets.UTF_8), Saved.class);
            return saved.groups() == null ? List.of() : List.copyOf(saved.groups());
        } catch (IOException | JacksonException e) {
            LOG.log(System.Logger.Level.WARNING, "cannot read " + file + " (" + e.getMessage() + "): groups taken out of the"
                    + " groups file since the last run are not removed");
            return List.of();
        }
    }

    record Saved(List<String> groups) {
    }
}
