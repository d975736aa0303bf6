package io.covey.engine.launch;

/**
 * How an attempt ended, as far as the runtime can tell. The engine combines it with the last
 * status the worker reported to decide the new state (see {@code ExitClassifier}).
 *
 * @param failure  why the attempt failed (an exception, a non-zero exit, a signal, a start
 *                 failure, a kill for a timeout), or null when it ended normally
 * @param exitCode the child's exit code, when there was a child and it exited
 * @param signal   the signal that ended the child (KILL, TERM, ...), when known
 * @param forced   whether the runtime had to force the end (abandoned thread, SIGTERM, SIGKILL)
 * @param threadsLeft threads an in-process worker started and left running when its attempt ended
 */
public record RunExit(String failure, Integer exitCode, String signal, boolean forced, int threadsLeft) {
    public RunExit(String failure, Integer exitCode, String signal, boolean forced) {
        this(failure, exitCode, signal, forced, 0);
    }

    public RunExit withThreadsLeft(int count) {
        return new RunExit(failure, exitCode, signal, forced, count);
    }

    public static RunExit normal() {
        return new RunExit(null, null, null, false);
    }

    public static RunExit failed(String failure) {
        return new RunExit(failure, null, null, false);
    }

    public boolean isFailure() {
        return failure != null;
    }
}
