package io.covey.engine;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

import io.covey.core.lifecycle.CrashReason;
import io.covey.core.lifecycle.WorkerState;
import io.covey.core.worker.StatusCall;
import io.covey.engine.launch.RunExit;
import io.covey.engine.launch.StatusReport;

/** Every crash gets one reason from a closed set (a metric tag), decided where the crash is. */
class ExitClassifierTest {

    @Test
    void aReportedCrash() {
        assertThat(reason(StatusReport.of(StatusCall.CRASHED, "disk full"), RunExit.normal(), null))
                .isEqualTo(CrashReason.REPORTED);
    }

    @Test
    void anExceptionOrALaunchFailure() {
        assertThat(reason(null, RunExit.failed("boom"), null)).isEqualTo(CrashReason.EXCEPTION);
    }

    @Test
    void aNonZeroExitAndASignalFromOutside() {
        assertThat(reason(null, new RunExit("exited with code 3", 3, null, false), null)).isEqualTo(CrashReason.EXIT_CODE);
        assertThat(reason(null, new RunExit("killed by signal KILL", 137, "KILL", false), null)).isEqualTo(CrashReason.SIGNAL);
    }

    @Test
    void killedByCoveyAndUnhealthy() {
        assertThat(reason(null, new RunExit("start timeout", null, null, true), null)).isEqualTo(CrashReason.KILLED);
        assertThat(ExitClassifier.classify(null, RunExit.normal(), true, "unhealthy: 3 checks failed").crashReason())
                .isEqualTo(CrashReason.UNHEALTHY);
    }

    @Test
    void endedWithoutAWordAndNoReasonForOtherStates() {
        assertThat(reason(null, new RunExit(null, 0, null, false), null)).isEqualTo(CrashReason.NO_REPORT);
        ExitClassifier.Outcome completed = ExitClassifier.classify(StatusReport.of(StatusCall.COMPLETED, "done"),
                RunExit.normal(), false);
        assertThat(completed.state()).isEqualTo(WorkerState.COMPLETED);
        assertThat(completed.crashReason()).isNull();
    }

    private static CrashReason reason(StatusReport report, RunExit exit, String unhealthy) {
        ExitClassifier.Outcome outcome = ExitClassifier.classify(report, exit, false, unhealthy);
        assertThat(outcome.state()).isEqualTo(WorkerState.CRASHED);
        return outcome.crashReason();
    }
}
