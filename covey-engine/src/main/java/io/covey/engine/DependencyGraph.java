package io.covey.engine;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.covey.core.api.InvalidSpecException;
import io.covey.core.spec.Dependency;

/**
 * Checks the {@code dependsOn} of a declaration against everything the host would hold after it:
 * every id named must exist, and no worker may (transitively) wait for itself. Pure: it sees
 * ids and their dependencies, nothing else.
 */
final class DependencyGraph {
    private DependencyGraph() {
    }

    /**
     * @param graph    every worker the host would hold after the declaration, with its dependencies
     * @param declared the ids of this declaration; only their dependencies can be new
     * @throws InvalidSpecException naming every missing id, or the first cycle found
     */
    static void check(Map<String, List<Dependency>> graph, Set<String> declared) {
        List<String> missing = new ArrayList<>();
        for (String id : declared) {
            for (Dependency dependency : graph.get(id)) {
                if (!graph.containsKey(dependency.id())) {
                    missing.add("'" + id + "' depends on '" + dependency.id() + "'");
                }
            }
        }
        if (!missing.isEmpty()) {
            throw new InvalidSpecException("dependsOn names workers that are neither in this request nor declared on the host: "
                    + String.join(", ", missing));
        }
        Map<String, Mark> marks = new HashMap<>();
        for (String id : declared) {
            List<String> cycle = findCycle(id, graph, marks, new ArrayList<>());
            if (cycle != null) {
                throw new InvalidSpecException("dependsOn forms a cycle: " + String.join(" → ", cycle)
                        + "; a worker cannot wait for itself");
            }
        }
    }

    private enum Mark { VISITING, DONE }

    /** Depth-first; the path so far is kept so that a cycle can be spelled out from where it closes. */
    private static List<String> findCycle(String id, Map<String, List<Dependency>> graph, Map<String, Mark> marks,
                                          List<String> path) {
        Mark mark = marks.get(id);
        if (mark == Mark.DONE) {
            return null;
        }
        if (mark == Mark.VISITING) {
            List<String> cycle = new ArrayList<>(path.subList(path.indexOf(id), path.size()));
            cycle.add(id);
            return cycle;
        }
        marks.put(id, Mark.VISITING);
        path.add(id);
        for (Dependency dependency : graph.getOrDefault(id, List.of())) {
            List<String> cycle = findCycle(dependency.id(), graph, marks, path);
            if (cycle != null) {
                return cycle;
            }
        }
        path.remove(path.size() - 1);
        marks.put(id, Mark.DONE);
        return null;
    }
}
