package io.covey.engine.foreign;

import java.time.Duration;
import java.util.List;

import io.covey.core.json.Durations;
import io.covey.core.lifecycle.CrashReason;
import io.covey.core.protocol.ControlMessage;
import io.covey.engine.launch.RunExit;

/**
 * The facts about how a child ended, and the one place that puts them into a {@link RunExit}:
 * a kill's reason first, then a forced stop, then the child's own verdict, then its exit code
 * (a code of 128+N naming signal N, as the JDK reports a death by signal).
 *
 * @param exitCode        the child's exit code
 * @param stopStep        how far the stop ladder went
 * @param killReason      why the tree was killed (kill(), unresponsive, a broken protocol), with {@link StopStep#KILLED}
 * @param stopTimeout     the stop timeout, when a stop was asked
 * @param killGrace       the time between SIGTERM and SIGKILL
 * @param verdict         what the child said last about its attempt, or null
 * @param connected       whether the child completed the handshake
 * @param stderrTail      the last lines of the child's stderr
 * @param killCause       what a kill was for, when it says more than "killed" (unresponsive), else null
 * @param outOfMemory     the JVM's out-of-memory exit line, if it printed one, else null
 */
record ChildEnd(int exitCode, StopStep stopStep, String killReason, Duration stopTimeout, Duration killGrace,
                ControlMessage.Ended verdict, boolean connected, List<String> stderrTail, CrashReason killCause,
                String outOfMemory) {
    /** The exit code of HotSpot's -XX:+ExitOnOutOfMemoryError path. */
    static final int OUT_OF_MEMORY_EXIT_CODE = 3;

    private static final String[] SIGNALS = {null, "HUP", "INT", "QUIT", "ILL", "TRAP", "ABRT", "BUS", "FPE", "KILL",
            "USR1", "SEGV", "USR2", "PIPE", "ALRM", "TERM"};
    private static final int MAX_TAIL_CHARS = 300;

    ChildEnd(int exitCode, StopStep stopStep, String killReason, Duration stopTimeout, Duration killGrace,
             ControlMessage.Ended verdict, boolean connected, List<String> stderrTail) {
        this(exitCode, stopStep, killReason, stopTimeout, killGrace, verdict, connected, stderrTail, null, null);
    }

    RunExit toRunExit() {
        String signal = signalName(exitCode);
        return switch (stopStep) {
            case KILLED -> new RunExit(killReason, exitCode, signal, true, killCause);
            case SIGTERM_SENT, SIGKILL_SENT -> new RunExit("the worker did not stop within " + Durations.format(stopTimeout)
                    + "; sent SIGTERM" + (stopStep == StopStep.SIGKILL_SENT ? ", then SIGKILL after " + Durations.format(killGrace) : ""),
                    exitCode, signal, true);
            case NONE, STOP_SENT -> endedByItself(signal);
        };
    }

    /** The child ended without being forced: its verdict and its exit code say how. */
    private RunExit endedByItself(String signal) {
        // The JVM's own line and its own exit code together: neither alone is evidence enough.
        if (outOfMemory != null && exitCode == OUT_OF_MEMORY_EXIT_CODE) {
            String what = outOfMemory.substring(outOfMemory.indexOf("OutOfMemoryError"));
            return new RunExit("out of memory: the JVM exited on " + what + " (exit code " + exitCode + ")", exitCode,
                    null, false, CrashReason.OUT_OF_MEMORY);
        }
        if (verdict != null && verdict.failure() != null) {
            return new RunExit(verdict.failure(), exitCode, signal, false);
        }
        if (exitCode == 0) {
            return new RunExit(null, 0, null, false);
        }
        String context = verdict != null ? " after the worker ended" : connected ? "" : " before the handshake";
        return new RunExit(describe(context), exitCode, signal, false, connected || signal != null ? null : CrashReason.SPAWN);
    }

    /** The signal that ended a process whose exit code is 128+N, else null. */
    static String signalName(int exitCode) {
        int signal = exitCode - 128;
        if (signal <= 0 || signal >= 64) {
            return null;
        }
        return signal < SIGNALS.length ? SIGNALS[signal] : "SIG" + signal;
    }

    /** "exited with code 1: last stderr lines", or "killed by signal KILL (exit code 137)". */
    private String describe(String context) {
        String signal = signalName(exitCode);
        StringBuilder text = new StringBuilder(signal != null
                ? "killed by signal " + signal + " (exit code " + exitCode + ")"
                : "exited with code " + exitCode).append(context);
        for (int i = 0; i < stderrTail.size(); i++) {
            String line = stderrTail.get(i).strip();
            text.append(i == 0 ? ": " : " | ")
                    .append(line.length() > MAX_TAIL_CHARS ? line.substring(0, MAX_TAIL_CHARS) + "…" : line);
        }
        return text.toString();
    }
}
