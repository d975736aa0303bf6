package io.covey.host.engine.foreign;

import java.util.List;

/** What a child's exit code says, in words. */
final class ExitCodes {
    private static final String[] SIGNALS = {null, "HUP", "INT", "QUIT", "ILL", "TRAP", "ABRT", "BUS", "FPE", "KILL",
            "USR1", "SEGV", "USR2", "PIPE", "ALRM", "TERM"};
    private static final int MAX_TAIL_CHARS = 300;

    private ExitCodes() {
    }

    /** The signal that ended a process whose exit code is 128+N (as the JDK reports it), else null. */
    static String signalName(int exitCode) {
        int signal = exitCode - 128;
        if (signal <= 0 || signal >= 64) {
            return null;
        }
        return signal < SIGNALS.length ? SIGNALS[signal] : "SIG" + signal;
    }

    /** "exited with code 1: last stderr lines", or "killed by signal KILL (exit code 137)". */
    static String describe(int exitCode, String context, List<String> stderrTail) {
        String signal = signalName(exitCode);
        String head = signal != null
                ? "killed by signal " + signal + " (exit code " + exitCode + ")"
                : "exited with code " + exitCode;
        StringBuilder text = new StringBuilder(head).append(context);
        if (!stderrTail.isEmpty()) {
            text.append(": ");
            for (int i = 0; i < stderrTail.size(); i++) {
                String line = stderrTail.get(i).strip();
                text.append(i == 0 ? "" : " | ").append(line.length() > MAX_TAIL_CHARS ? line.substring(0, MAX_TAIL_CHARS) + "…" : line);
            }
        }
        return text.toString();
    }
}
