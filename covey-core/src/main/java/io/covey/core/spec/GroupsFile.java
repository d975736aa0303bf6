package io.covey.core.spec;

import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Groups declared in a file, like PM2's ecosystem file or supervisord's configuration:
 * <pre>{"groups":{"&lt;name&gt;":{"workers":[spec…]}}}</pre> in JSON or YAML, each group's value
 * being the body of {@code PUT /api/v1/groups/{name}}. Applying it means one {@code runGroup}
 * per group, in the file's order. Whether the types exist is for the manager to say; the file
 * itself is checked completely when it is read (see {@link GroupsFileReader}).
 *
 * @param groups the groups in the order the file lists them; names and worker ids each once
 */
public record GroupsFile(List<CoveyGroup> groups) {

    public GroupsFile {
        groups = List.copyOf(groups);
        Set<String> names = new HashSet<>();
        for (CoveyGroup group : groups) {
            if (!names.add(group.name())) {
                throw new IllegalArgumentException("group '" + group.name() + "' is listed twice");
            }
        }
    }

    /** Reads and checks a file; see {@link GroupsFileReader#read(Path)}. */
    public static GroupsFile read(Path file) {
        return GroupsFileReader.read(file);
    }

    /** Reads and checks a document; {@code source} names it in error messages. See {@link GroupsFileReader#parse}. */
    public static GroupsFile parse(byte[] content, GroupsFileFormat format, String source) {
        return GroupsFileReader.parse(content, format, source);
    }

    public Optional<CoveyGroup> group(String name) {
        return groups.stream().filter(group -> group.name().equals(name)).findFirst();
    }

    public List<String> groupNames() {
        return groups.stream().map(CoveyGroup::name).toList();
    }
}
