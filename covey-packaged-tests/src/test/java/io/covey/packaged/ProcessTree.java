package io.covey.packaged;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Every process a started process ever had below it, seen by polling while it runs: a process
 * whose parent died is reparented and no longer shows among the root's descendants, yet must not
 * outlive the test either.
 */
final class ProcessTree implements AutoCloseable {
    private final ProcessHandle root;
    private final Map<Long, ProcessHandle> seen = new ConcurrentHashMap<>();
    private final ScheduledExecutorService poller = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread thread = new Thread(r, "process-tree");
        thread.setDaemon(true);
        return thread;
    });

    ProcessTree(ProcessHandle root) {
        this.root = root;
        seen.put(root.pid(), root);
        poller.scheduleWithFixedDelay(this::look, 0, 50, TimeUnit.MILLISECONDS);
    }

    private void look() {
        root.descendants().forEach(p -> seen.putIfAbsent(p.pid(), p));
        // Children of processes already seen, even once they were reparented.
        for (ProcessHandle known : List.copyOf(seen.values())) {
            known.descendants().forEach(p -> seen.putIfAbsent(p.pid(), p));
        }
    }

    /** Every process seen so far (the root included) that is still alive. */
    List<String> alive() {
        look();
        return seen.values().stream().filter(ProcessHandle::isAlive)
                .map(p -> p.pid() + " " + p.info().commandLine().orElse("?")).toList();
    }

    int seenCount() {
        return seen.size();
    }

    /** Kills whatever is still alive (the test failed): nothing may outlive the suite. */
    @Override
    public void close() {
        poller.shutdownNow();
        for (ProcessHandle process : seen.values()) {
            process.destroyForcibly();
        }
        for (ProcessHandle process : seen.values()) {
            process.onExit().completeOnTimeout(null, Duration.ofSeconds(10).toMillis(), TimeUnit.MILLISECONDS).join();
        }
    }
}
