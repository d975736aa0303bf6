package io.covey.host.groupsfile;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.covey.core.api.CoveyException;
import io.covey.core.api.GroupStatus;
import io.covey.core.api.InvalidSpecException;
import io.covey.core.api.WorkerStatus;
import io.covey.core.manifest.CoveyManifest;
import io.covey.core.spec.CoveyGroup;
import io.covey.core.spec.GroupsFile;
import io.covey.core.spec.WorkerSpec;
import io.covey.engine.ManagerSettings;

/**
 * Checks a groups file against this host before any of it is applied, so that a file that cannot
 * be applied changes nothing: every type is declared and can run, every spec's params fit its
 * type, no worker id is taken by a group the file does not name, and the limits hold.
 */
final class GroupsFileCheck {
    private GroupsFileCheck() {
    }

    /**
     * @param current the host's groups now
     * @throws InvalidSpecException naming the file, the group and the worker's index
     */
    static void check(String source, GroupsFile file, CoveyManifest manifest, ManagerSettings settings, List<GroupStatus> current) {
        Set<String> named = Set.copyOf(file.groupNames());
        Map<String, String> takenBy = new HashMap<>();
        int others = 0;
        for (GroupStatus group : current) {
            if (!named.contains(group.name())) {
                others += group.workers().size();
                for (WorkerStatus worker : group.workers()) {
                    takenBy.put(worker.id(), group.name());
                }
            }
        }
        int total = others;
        for (CoveyGroup group : file.groups()) {
            List<WorkerSpec> workers = group.workers();
            long size = workers.stream().mapToLong(spec -> spec.instances() == null ? 1 : spec.instances()).sum();
            if (size > settings.maxWorkersPerGroup()) {
                throw refused(source, "groups." + group.name(), "the group has " + size + " workers; at most "
                        + settings.maxWorkersPerGroup() + " are allowed per group" + (size > workers.size() ? " (each instance counts)" : ""));
            }
            total += (int) size;
            for (int i = 0; i < workers.size(); i++) {
                String at = "groups." + group.name() + ".workers[" + i + "]";
                WorkerSpec spec = workers.get(i);
                try {
                    manifest.require(spec.type()).checkParams(spec.params());
                } catch (CoveyException e) {
                    throw refused(source, at, e.getMessage());
                }
                for (String id : spec.workerIds()) {
                    String owner = takenBy.get(id);
                    if (owner != null) {
                        throw refused(source, at, "worker id '" + id + "' is already in group '" + owner
                                + "', which the file does not name; ids are unique across the host");
                    }
                }
            }
        }
        if (total > settings.maxWorkers()) {
            throw refused(source, "", "the host would hold " + total + " workers; at most " + settings.maxWorkers()
                    + " are allowed");
        }
    }

    private static InvalidSpecException refused(String source, String location, String reason) {
        return new InvalidSpecException(source + ": " + (location.isEmpty() ? "" : location + ": ") + reason);
    }
}
