package io.covey.engine.launch;

import io.covey.core.lifecycle.CrashReason;

/**
 * How an attempt ended, as far as the runtime can tell. The engine combines it with the last
 * status the worker reported to decide the new state (see {@code ExitClassifier}).
 *
 * @param failure  why the attempt failed (an exception, a non-zero exit, a signal, a start
 *                 failure, a kill for a timeout), or null when it ended normally
 * @param exitCode the child's exit code, when there was a child and it exited
 * @param signal   the signal that ended the child (KILL, TERM, ...), when known
 * @param forced   whether the runtime had to force the end (abandoned thread, SIGTERM, SIGKILL)
 * @param cause    what the runtime knows the end was, when it knows more than the code says (an out-of-memory
 *                 exit, an unresponsive child, a child that could not be spawned); else null
 * @param threadsLeft threads an in-process worker started and left running when its attempt ended
 */
public record RunExit(String failure, Integer exitCode, String signal, boolean forced, CrashReason cause, int threadsLeft) {
    public RunExit(String failure, Integer exitCode, String signal, boolean forced) {
        this(failure, exitCode, signal, forced, null, 0);
    }

    public RunExit(String failure, Integer exitCode, String signal, boolean forced, CrashReason cause) {
        this(failure, exitCode, signal, forced, cause, 0);
    }

    public RunExit withThreadsLeft(int count) {
        return new RunExit(failure, exitCode, signal, forced, cause, count);
    }

    public static RunExit normal() {
        return new RunExit(null, null, null, false);
    }

    public static RunExit failed(String failure) {
        return new RunExit(failure, null, null, false);
    }

    /** An attempt whose child could not be started at all. */
    public static RunExit spawnFailed(String failure) {
        return new RunExit(failure, null, null, false, CrashReason.SPAWN);
    }

    public boolean isFailure() {
        return failure != null;
    }
}
