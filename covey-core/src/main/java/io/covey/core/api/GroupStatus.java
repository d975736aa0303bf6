package io.covey.core.api;

import java.util.List;

/**
 * A group and its workers' states.
 *
 * @param stopped whether the group was stopped with {@code stopGroup} (its declaration is kept)
 */
public record GroupStatus(String name, boolean stopped, List<WorkerStatus> workers) {
    public GroupStatus {
        workers = List.copyOf(workers);
    }
}
