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

    /**
     * Completes when the child and every descendant known now have exited. The descendants are not
     * our children, and the JDK watches such a process by polling with a pause that grows with its
     * age (a second and more for one of a few seconds); so they are polled here every
     * {@link #POLL}, and a kill's end is seen within that.
     */
    CompletableFuture<Void> allGone(io.covey.engine.Scheduler scheduler) {
        CompletableFuture<Void> descendantsGone = new CompletableFuture<>();
        pollDescendants(scheduler, descendantsGone, System.nanoTime() + POLL_LIMIT.toNanos());
        return CompletableFuture.allOf(root.onExit(), descendantsGone);
    }

    private static final java.time.Duration POLL = java.time.Duration.ofMillis(20);

    /** After this the polling gives up (a process stuck in the kernel); the caller's own bound reports the end anyway. */
    private static final java.time.Duration POLL_LIMIT = java.time.Duration.ofSeconds(30);

    private void pollDescendants(io.covey.engine.Scheduler scheduler, CompletableFuture<Void> gone, long deadline) {
        if (descendants.stream().noneMatch(ProcessTree::running)) {
            gone.complete(null);
        } else if (!gone.isDone() && System.nanoTime() < deadline) {
            scheduler.schedule(POLL, () -> pollDescendants(scheduler, gone, deadline));
        }
    }

    /** The known descendants still alive, for diagnostics. */
    Set<Long> livingDescendants() {
        Set<Long> pids = new TreeSet<>();
        descendants.stream().filter(ProcessTree::running).forEach(h -> pids.add(h.pid()));
        return pids;
    }

    /**
     * Whether the process still runs: alive, and no zombie. A killed grandchild is a zombie until
     * whoever adopted it (PID 1, or a subreaper) reaps it, and {@link ProcessHandle#isAlive} counts a
     * zombie as alive; an init that reaps on a timer made a kill's end wait for it (1.4 s measured).
     * A zombie runs nothing and holds nothing but its pid.
     */
    static boolean running(ProcessHandle handle) {
        return handle.isAlive() && !isZombie(handle.pid());
    }

    private static boolean isZombie(long pid) {
        try {
            String stat = java.nio.file.Files.readString(java.nio.file.Path.of("/proc", Long.toString(pid), "stat"));
            int afterName = stat.lastIndexOf(')');
            return afterName > 0 && afterName + 2 < stat.length() && stat.charAt(afterName + 2) == 'Z';
        } catch (java.io.IOException | RuntimeException e) {
            return false; // no /proc (not Linux), or the process is gone: isAlive() said what is known
        }
    }
}
