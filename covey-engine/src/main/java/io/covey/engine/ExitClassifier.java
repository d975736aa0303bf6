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
    }

    /**
     * @param lastReport    the terminal status the worker reported (completed/crashed/stopped), or null
     * @param exit          how the thread or process ended
     * @param stopRequested whether Covey asked this attempt to stop
     * @param unhealthy     why Covey stopped it for failed health checks, or null. Such a stop is
     *                      a crash (the restart policy and limit apply), not a deliberate stop.
     */
    static Outcome classify(StatusReport lastReport, RunExit exit, boolean stopRequested, String unhealthy) {
        Outcome outcome = classify(lastReport, exit, stopRequested);
        if (unhealthy != null && outcome.state() == WorkerState.STOPPED) {
            return new Outcome(WorkerState.CRASHED, outcome.forced() ? unhealthy + " (the stop had to be forced)" : unhealthy,
                    outcome.forced(), CrashReason.UNHEALTHY);
        }
        return outcome;
    }

    static Outcome classify(StatusReport lastReport, RunExit exit, boolean stopRequested) {
        StatusCall reported = lastReport == null ? null : lastReport.status();
        if (reported == StatusCall.COMPLETED) {
            return new Outcome(WorkerState.COMPLETED, orElse(lastReport.message(), "completed"), false);
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
