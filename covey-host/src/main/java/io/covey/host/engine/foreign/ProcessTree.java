package io.covey.host.engine.foreign;

import java.util.Set;
import java.util.concurrent.CompletableFuture;
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

    /** Completes when the child and every known descendant have exited. */
    CompletableFuture<Void> allGone() {
        CompletableFuture<?>[] exits = new CompletableFuture<?>[descendants.size() + 1];
        int i = 0;
        exits[i++] = root.onExit();
        for (ProcessHandle handle : descendants) {
            if (i == exits.length) {
                break; // one appeared while we looked; the next refresh covers it
            }
            exits[i++] = handle.onExit();
        }
        while (i < exits.length) {
            exits[i++] = CompletableFuture.completedFuture(null);
        }
        return CompletableFuture.allOf(exits);
    }

    /** The known descendants still alive, for diagnostics. */
    Set<Long> livingDescendants() {
        Set<Long> pids = new java.util.TreeSet<>();
        descendants.stream().filter(ProcessHandle::isAlive).forEach(h -> pids.add(h.pid()));
        return pids;
    }
}
