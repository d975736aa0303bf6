package io.covey.bench.engine;

import java.lang.management.ManagementFactory;
import java.util.Comparator;

/**
 * The CPU time and the bytes allocated on a manager's engine thread: what a call costs the engine,
 * which a loaded machine inflates far less than the call's wall time (time spent waiting for a
 * core is not in it). Read around a call the caller waits for, so the engine thread is idle at both ends.
 */
final class EngineThreadCost {
    private static final com.sun.management.ThreadMXBean THREADS =
            (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();

    private final long threadId;

    private EngineThreadCost(long threadId) {
        this.threadId = threadId;
    }

    /** The engine thread of the newest manager still running ({@code covey-engine}; those of closed ones have ended). */
    static EngineThreadCost ofNewestManager() {
        Thread engine = Thread.getAllStackTraces().keySet().stream()
                .filter(thread -> thread.getName().equals("covey-engine") && thread.isAlive())
                .max(Comparator.comparingLong(Thread::getId))
                .orElseThrow(() -> new IllegalStateException("no covey-engine thread is running"));
        return new EngineThreadCost(engine.getId());
    }

    long cpuNanos() {
        return THREADS.getThreadCpuTime(threadId);
    }

    long allocatedBytes() {
        return THREADS.getThreadAllocatedBytes(threadId);
    }
}
