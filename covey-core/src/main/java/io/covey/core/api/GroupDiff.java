package io.covey.core.api;

import java.util.List;

/**
 * What a change to a group did. A worker whose declaration changed under the same id is
 * replaced, and appears in both {@code started} and {@code stopped}.
 *
 * @param group     the group's name
 * @param started   workers that start (or will start once their previous instance is gone)
 * @param stopped   workers that stop
 * @param unchanged workers left alone
 * @param revision  the host-wide declaration counter after this change; a later change has a higher one
 */
public record GroupDiff(String group, List<String> started, List<String> stopped, List<String> unchanged, long revision) {
    public GroupDiff {
        started = List.copyOf(started);
        stopped = List.copyOf(stopped);
        unchanged = List.copyOf(unchanged);
    }

    /** Whether the change did anything at all. */
    public boolean changedAnything() {
        return !started.isEmpty() || !stopped.isEmpty();
    }
}
