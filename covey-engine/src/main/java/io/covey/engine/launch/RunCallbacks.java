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

    /** Data the worker published. */
    void data(JsonNode data);

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
