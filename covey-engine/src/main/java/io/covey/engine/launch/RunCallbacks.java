package io.covey.engine.launch;

import tools.jackson.databind.JsonNode;

/**
 * What an attempt tells the engine. Safe to call from any thread; calls after
 * {@link #exited(RunExit)} are ignored.
 */
public interface RunCallbacks {
    /** A status call of the worker ({@code starting}, {@code running}, ... {@code completed}). */
    void reported(StatusReport report);

    /**
     * A line of output.
     *
     * @param stream {@code stdout}, {@code stderr}, {@code worker} (from {@code log()}) or {@code covey}
     */
    void log(String stream, String line);

    /**
     * A piece of a line too long for one event: {@code continues} says the line goes on in the next
     * piece (an output drain cuts lines at 16 KiB). By default, a line of its own.
     */
    default void logPiece(String stream, String piece, boolean continues) {
        log(stream, piece);
    }

    /** Data the worker published. */
    void data(JsonNode data);

    /**
     * What the attempt's process tree uses now, sampled on an interval by runtimes that can tell
     * (a foreign child); by default ignored.
     */
    default void usage(ResourceUsage usage) {
    }

    /**
     * One input handed over with {@link WorkerRun#deliver} has been handled ({@code onInput}
     * returned or threw, or the input was dropped because the attempt is ending): the engine
     * counts it off the worker's input queue. Once per delivered input.
     */
    default void inputHandled() {
    }

    /** The attempt is over: its thread finished or was abandoned, or its process tree is gone. */
    void exited(RunExit exit);
}
