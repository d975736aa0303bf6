package io.covey.engine.foreign;

import java.util.concurrent.atomic.AtomicLong;

import io.covey.engine.launch.RunCallbacks;
import io.covey.engine.launch.RunExit;
import io.covey.engine.launch.StatusReport;
import tools.jackson.databind.JsonNode;

/**
 * Where a warm child's output goes: the host's log while it waits (it has no worker whose log the
 * lines could join), the worker's callbacks from the moment it is given one. A waiting child
 * normally prints nothing; one that does (a JVM warning, say) gets its first {@link #LOGGED_LINES}
 * lines into the host's log and the rest counted, so a chatty child cannot flood the host's log.
 */
final class OutputHandover implements RunCallbacks {
    static final int LOGGED_LINES = 20;

    private final String name;
    private final System.Logger log;
    private final AtomicLong waitingLines = new AtomicLong();
    private volatile RunCallbacks target;

    /** @param log the host's log, where the lines of a waiting child go */
    OutputHandover(String name, System.Logger log) {
        this.name = name;
        this.log = log;
    }

    /** From now on every line goes to {@code callbacks}; returns how many lines were printed while waiting. */
    long attach(RunCallbacks callbacks) {
        target = callbacks;
        return waitingLines.get();
    }

    @Override
    public void log(String stream, String line) {
        logPiece(stream, line, false);
    }

    @Override
    public void logPiece(String stream, String line, boolean continues) {
        RunCallbacks current = target;
        if (current != null) {
            current.logPiece(stream, line, continues);
            return;
        }
        long count = waitingLines.incrementAndGet();
        if (count <= LOGGED_LINES) {
            log.log(System.Logger.Level.INFO, name + " (waiting) " + stream + ": " + line);
        } else if (count == LOGGED_LINES + 1) {
            log.log(System.Logger.Level.INFO, name + " (waiting): further lines are only counted");
        }
    }

    // Only the output drains use this object; the run's own callbacks carry everything else.
    @Override
    public void reported(StatusReport report) {
        throw new UnsupportedOperationException("output only");
    }

    @Override
    public void data(JsonNode data) {
        throw new UnsupportedOperationException("output only");
    }

    @Override
    public void exited(RunExit exit) {
        throw new UnsupportedOperationException("output only");
    }
}
