package io.covey.engine.foreign;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A child and every descendant seen so far. Descendants are found through the parent chain, which
 * breaks when a process dies (its children move to init), so the tree is snapshotted while the
 * child lives: periodically, and at each step of a stop. A handle remembers its process's start
 * time, so a recycled pid is never killed by mistake.
 */
final class ProcessTree {
    private final ProcessHandle root;
    private final Set<ProcessHandle> descendants = ConcurrentHashMap.newKeySet();

    ProcessTree(ProcessHandle root) {
        this.root = root;
    }

    ProcessHandle root() {
        return root;
    }

    /** The descendants seen so far, living or not. */
    Set<ProcessHandle> knownDescendants() {
        return descendants;
    }

    /** Adds the descendants alive now to those already known. */
    void refresh() {
        if (root.isAlive()) {
            root.descendants().forEach(descendants::add);
        }
    }

    /** SIGTERM to the child only: it may clean up its own tree. */
    void terminateRoot() {
        root.destroy();
    }

    /** SIGKILL to the child and every known descendant still alive. */
    void killAll() {
        refresh();
        root.destroyForcibly();
        killDescendants();
    }

    /** SIGKILL to the known descendants still alive (the child is gone, they are not). */
    void killDescendants() {
        for (ProcessHandle handle : descendants) {
            if (handle.isAlive()) {
                handle.destroyForcibly();
            }
        }
    }

    /** Completes when the child and every descendant known now have exited. */
    CompletableFuture<Void> allGone() {
        List<CompletableFuture<ProcessHandle>> exits = new ArrayList<>();
        exits.add(root.onExit());
        descendants.forEach(handle -> exits.add(handle.onExit()));
        return CompletableFuture.allOf(exits.toArray(CompletableFuture[]::new));
    }

    /** The known descendants still alive, for diagnostics. */
    Set<Long> livingDescendants() {
        Set<Long> pids = new TreeSet<>();
        descendants.stream().filter(ProcessHandle::isAlive).forEach(h -> pids.add(h.pid()));
        return pids;
    }
}
