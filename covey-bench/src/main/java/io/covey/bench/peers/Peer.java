package io.covey.bench.peers;

import java.util.Collection;

/**
 * A process manager that runs N copies of {@link io.covey.bench.child.BenchChild}: its daemon is
 * up before the clock starts, so what is timed is the manager starting processes, not itself.
 */
public interface Peer extends AutoCloseable {
    String name();

    /** Starts the daemon with N children declared (not started) that say ready on {@code port}. */
    void setUp(int port, int count) throws Exception;

    /** The timed command: start all N. May return before they run. */
    void startAll() throws Exception;

    /**
     * Waits until the manager itself counts all N as running. A crash before that is a failed
     * start to supervisord (backoff), not the crash of a running process this scenario is about.
     */
    default void awaitSteady(int count) throws Exception {
    }

    /** The daemon's pid, for its RSS. */
    long managerPid();

    /** Stops all N; the harness then waits for {@code childPids} to be gone. */
    void stopAll(Collection<Long> childPids) throws Exception;

    /** Stops the daemon; must leave nothing behind. */
    @Override
    void close() throws Exception;
}
