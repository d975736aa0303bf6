package io.covey.engine.inprocess;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.WeakHashMap;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The pooled threads of in-process workers, each in a thread group of its own, and the threads
 * workers left running. A thread a worker starts joins the group of the thread that started it, so
 * what is new in a pooled thread's group while it ran one attempt, and still alive when that attempt
 * ended, is what that attempt left behind (it runs one attempt at a time). Threads cannot be killed;
 * they are reported: in the stop event, as a metric, in health. Thread-safe.
 */
final class WorkerThreads implements ThreadFactory {
    private final AtomicInteger counter = new AtomicInteger();
    /** Threads left running, by the worker that left them; weak, so a thread that ends is forgotten. */
    private final Map<Thread, String> leftRunning = new WeakHashMap<>();

    @Override
    public Thread newThread(Runnable task) {
        int number = counter.incrementAndGet();
        ThreadGroup group = new ThreadGroup("covey-worker-" + number);
        // Up to JDK 18 a parent holds its groups until they are destroyed: a daemon group goes with
        // its last thread, so the pool's idle threads ending do not leave groups behind.
        @SuppressWarnings({"deprecation", "removal"})
        Runnable daemon = () -> group.setDaemon(true);
        daemon.run();
        Thread thread = new Thread(group, task, "covey-worker-" + number);
        thread.setDaemon(true);
        return thread;
    }

    /** The live threads of the current thread's group, itself excluded. */
    static Set<Thread> groupOfCurrentThread() {
        Thread self = Thread.currentThread();
        ThreadGroup group = self.getThreadGroup();
        if (group == null) {
            return Set.of();
        }
        Thread[] threads = new Thread[group.activeCount() + 16];
        int count = group.enumerate(threads, true);
        Set<Thread> live = new java.util.HashSet<>(Arrays.asList(threads).subList(0, count));
        live.remove(self);
        return live;
    }

    /** Records the threads {@code workerId} left running. */
    synchronized void leftRunning(String workerId, List<Thread> threads) {
        threads.forEach(thread -> leftRunning.put(thread, workerId));
    }

    /** The threads in-process workers left running that still run, by worker. */
    synchronized Map<String, Integer> stillRunning() {
        Map<String, Integer> byWorker = new TreeMap<>();
        new ArrayList<>(leftRunning.entrySet()).forEach(entry -> {
            if (entry.getKey().isAlive()) {
                byWorker.merge(entry.getValue(), 1, Integer::sum);
            }
        });
        return byWorker;
    }
}
