package io.covey.engine.foreign;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;

import io.covey.core.lifecycle.CrashReason;
import io.covey.core.protocol.ControlMessage;
import io.covey.engine.launch.RunExit;

class ChildEndTest {
    private static final Duration TEN = Duration.ofSeconds(10);
    private static final Duration TWO = Duration.ofSeconds(2);

    @Test
    void aCleanEndAfterTheChildsVerdictIsNormal() {
        assertThat(new ChildEnd(0, StopStep.NONE, null, null, TWO, new ControlMessage.Ended(null), true, List.of()).toRunExit())
                .isEqualTo(new RunExit(null, 0, null, false));
    }

    @Test
    void namesTheSignalOfAnExitCodeAbove128() {
        assertThat(ChildEnd.signalName(137)).isEqualTo("KILL");
        assertThat(ChildEnd.signalName(143)).isEqualTo("TERM");
        assertThat(ChildEnd.signalName(134)).isEqualTo("ABRT");
        assertThat(ChildEnd.signalName(1)).isNull();
        assertThat(ChildEnd.signalName(128)).isNull();
        assertThat(new ChildEnd(143, StopStep.NONE, null, null, TWO, null, true, List.of()).toRunExit())
                .isEqualTo(new RunExit("killed by signal TERM (exit code 143)", 143, "TERM", false));
    }

    @Test
    void aFailureBeforeTheHandshakeQuotesTheLastStderrLines() {
        RunExit exit = new ChildEnd(1, StopStep.NONE, null, null, TWO, null, false,
                List.of("Error: Could not find or load main class x.Main", "Caused by: java.lang.ClassNotFoundException: x.Main")).toRunExit();
        assertThat(exit).isEqualTo(new RunExit("exited with code 1 before the handshake: Error: Could not find or load main class"
                + " x.Main | Caused by: java.lang.ClassNotFoundException: x.Main", 1, null, false, CrashReason.SPAWN));
    }

    @Test
    void theJvmsOutOfMemoryLineAndItsExitCodeTogetherAreAnOutOfMemoryEnd() {
        String line = "Terminating due to java.lang.OutOfMemoryError: Java heap space";
        assertThat(new ChildEnd(3, StopStep.NONE, null, null, TWO, null, true, List.of(), null, line).toRunExit())
                .isEqualTo(new RunExit("out of memory: the JVM exited on OutOfMemoryError: Java heap space (exit code 3)", 3,
                        null, false, CrashReason.OUT_OF_MEMORY));
        // Either alone is no evidence: a worker that exits with 3, or one that prints the line and exits otherwise.
        assertThat(new ChildEnd(3, StopStep.NONE, null, null, TWO, null, true, List.of(), null, null).toRunExit().cause()).isNull();
        assertThat(new ChildEnd(1, StopStep.NONE, null, null, TWO, null, true, List.of(), null, line).toRunExit().cause()).isNull();
    }

    @Test
    void aKillForSilenceIsUnresponsive() {
        assertThat(new ChildEnd(137, StopStep.KILLED, "unresponsive: no heartbeat for 15s", null, TWO, null, true, List.of(),
                CrashReason.UNRESPONSIVE, null).toRunExit().cause()).isEqualTo(CrashReason.UNRESPONSIVE);
    }

    @Test
    void aKillOrAForcedStopIsForcedAndSaysWhy() {
        assertThat(new ChildEnd(137, StopStep.KILLED, "unresponsive: no heartbeat for 15s", null, TWO, null, true, List.of()).toRunExit())
                .isEqualTo(new RunExit("unresponsive: no heartbeat for 15s", 137, "KILL", true));
        assertThat(new ChildEnd(143, StopStep.SIGTERM_SENT, null, TEN, TWO, null, true, List.of()).toRunExit())
                .isEqualTo(new RunExit("the worker did not stop within 10s; sent SIGTERM", 143, "TERM", true));
        assertThat(new ChildEnd(137, StopStep.SIGKILL_SENT, null, TEN, TWO, null, true, List.of()).toRunExit())
                .isEqualTo(new RunExit("the worker did not stop within 10s; sent SIGTERM, then SIGKILL after 2s", 137, "KILL", true));
    }

    @Test
    void theChildsOwnFailureWins() {
        assertThat(new ChildEnd(1, StopStep.NONE, null, null, TWO, new ControlMessage.Ended("runWorker() threw x"), true, List.of("trace"))
                .toRunExit()).isEqualTo(new RunExit("runWorker() threw x", 1, null, false));
    }

    @Test
    void aStopTheChildHonouredBeforeTheLadderWentOnIsNotForced() {
        assertThat(new ChildEnd(0, StopStep.STOP_SENT, null, TEN, TWO, new ControlMessage.Ended(null), true, List.of()).toRunExit())
                .isEqualTo(new RunExit(null, 0, null, false));
    }
}
