package io.covey.engine;

import io.covey.core.lifecycle.WorkerState;
import io.covey.engine.launch.RunExit;
import io.covey.engine.launch.StatusReport;
import io.covey.engine.launch.StatusReport.ReportedStatus;

/**
 * The one place that decides what the end of an attempt means. A runtime only reports facts
 * (what the worker said last, how its thread or process ended); this turns them into COMPLETED,
 * STOPPED or CRASHED.
 */
final class ExitClassifier {
    private ExitClassifier() {
    }

    record Outcome(WorkerState state, String message, boolean forced) {
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
                    outcome.forced());
        }
        return outcome;
    }

    static Outcome classify(StatusReport lastReport, RunExit exit, boolean stopRequested) {
        ReportedStatus reported = lastReport == null ? null : lastReport.status();
        if (reported == ReportedStatus.COMPLETED) {
            return new Outcome(WorkerState.COMPLETED, orElse(lastReport.message(), "completed"), false);
        }
        if (reported == ReportedStatus.CRASHED) {
            return new Outcome(WorkerState.CRASHED, orElse(lastReport.message(), "the worker reported a crash"), false);
        }
        if (stopRequested && exit.forced()) {
            return new Outcome(WorkerState.STOPPED, orElse(exit.failure(), "stopped (forced)"), true);
        }
        if (exit.isFailure()) {
            return new Outcome(WorkerState.CRASHED, exit.failure(), exit.forced());
        }
        if (stopRequested || reported == ReportedStatus.STOPPED) {
            return new Outcome(WorkerState.STOPPED, lastReport == null ? "stopped" : orElse(lastReport.message(), "stopped"), false);
        }
        String code = exit.exitCode() == null ? "" : " (exit code " + exit.exitCode() + ")";
        return new Outcome(WorkerState.CRASHED, "the worker ended without reporting completed or stopped" + code, false);
    }

    private static String orElse(String value, String fallback) {
        return value == null || value.isBlank() ? fallback : value;
    }
}
