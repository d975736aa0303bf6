package io.covey.engine;

import io.covey.core.lifecycle.CrashReason;
import io.covey.core.lifecycle.WorkerState;
import io.covey.core.worker.StatusCall;
import io.covey.engine.launch.RunExit;
import io.covey.engine.launch.StatusReport;

/**
 * The one place that decides what the end of an attempt means. A runtime only reports facts
 * (what the worker said last, how its thread or process ended); this turns them into COMPLETED,
 * STOPPED or CRASHED.
 */
final class ExitClassifier {
    private ExitClassifier() {
    }

    /** @param crashReason why, when the state is CRASHED; else null */
    record Outcome(WorkerState state, String message, boolean forced, CrashReason crashReason) {
        Outcome(WorkerState state, String message, boolean forced) {
            this(state, message, forced, null);
        }

        /** Whether a restart could mend it: not a {@code failed()} report, not a deadline that has passed. */
        boolean restartable() {
            return crashReason != CrashReason.FAILED && crashReason != CrashReason.DEADLINE;
        }
    }

    /**
     * @param lastReport    the terminal status the worker reported (completed/crashed/stopped), or null
     * @param exit          how the thread or process ended
     * @param stopRequested whether Covey asked this attempt to stop
     * @param unhealthy     why Covey stopped it for failed health checks, or null. Such a stop is
     *                      a crash (the restart policy and limit apply), not a deliberate stop.
     */
    static Outcome classify(StatusReport lastReport, RunExit exit, boolean stopRequested, String unhealthy) {
        return classify(lastReport, exit, stopRequested, unhealthy, unhealthy == null ? null : CrashReason.UNHEALTHY);
    }

    /**
     * @param limit       why Covey stopped the attempt for a limit it reached (failed health checks, too much
     *                    memory, the deadline), or null. Such a stop is a crash of that reason; so is any other
     *                    end but a completion that came while it was stopped.
     * @param limitReason the reason of {@code limit}
     */
    static Outcome classify(StatusReport lastReport, RunExit exit, boolean stopRequested, String limit,
                            CrashReason limitReason) {
        Outcome outcome = classify(lastReport, exit, stopRequested);
        boolean overrides = outcome.state() == WorkerState.STOPPED
                || outcome.state() == WorkerState.CRASHED && limitReason != CrashReason.UNHEALTHY;
        if (limit != null && overrides) {
            return new Outcome(WorkerState.CRASHED, outcome.forced() ? limit + " (the stop had to be forced)" : limit,
                    outcome.forced(), limitReason);
        }
        return outcome;
    }

    static Outcome classify(StatusReport lastReport, RunExit exit, boolean stopRequested) {
        StatusCall reported = lastReport == null ? null : lastReport.status();
        if (reported == StatusCall.COMPLETED) {
            return new Outcome(WorkerState.COMPLETED, orElse(lastReport.message(), "completed"), false);
        }
        if (reported == StatusCall.FAILED) {
            return new Outcome(WorkerState.CRASHED, orElse(lastReport.message(), "the worker reported a failure"), false,
                    CrashReason.FAILED);
        }
        if (reported == StatusCall.CRASHED) {
            return new Outcome(WorkerState.CRASHED, orElse(lastReport.message(), "the worker reported a crash"), false,
                    CrashReason.REPORTED);
        }
        if (stopRequested && exit.forced()) {
            return new Outcome(WorkerState.STOPPED, orElse(exit.failure(), "stopped (forced)"), true);
        }
        if (exit.isFailure()) {
            return new Outcome(WorkerState.CRASHED, exit.failure(), exit.forced(), failureReason(exit));
        }
        if (stopRequested || reported == StatusCall.STOPPED) {
            return new Outcome(WorkerState.STOPPED, lastReport == null ? "stopped" : orElse(lastReport.message(), "stopped"), false);
        }
        String code = exit.exitCode() == null ? "" : " (exit code " + exit.exitCode() + ")";
        return new Outcome(WorkerState.CRASHED, "the worker ended without reporting completed or stopped" + code, false,
                CrashReason.NO_REPORT);
    }

    private static CrashReason failureReason(RunExit exit) {
        if (exit.cause() != null) {
            return exit.cause();
        }
        if (exit.forced()) {
            return CrashReason.KILLED;
        }
        if (exit.signal() != null) {
            return CrashReason.SIGNAL;
        }
        return exit.exitCode() != null && exit.exitCode() != 0 ? CrashReason.EXIT_CODE : CrashReason.EXCEPTION;
    }

    private static String orElse(String value, String fallback) {
        return value == null || value.isBlank() ? fallback : value;
    }
}
