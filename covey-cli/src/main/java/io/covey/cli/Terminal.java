package io.covey.cli;

import java.io.Console;
import java.io.FileDescriptor;
import java.io.BufferedOutputStream;
import java.io.FileOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

/**
 * Where output goes: stdout for results, stderr for warnings and errors, both UTF-8. Colors
 * only on a terminal. Text from the host (messages, log lines) is untrusted: on a terminal its
 * control characters are shown escaped, so a worker cannot move the cursor or retitle the
 * window; a pipe gets it as it was written.
 */
public final class Terminal {
    private final PrintStream out;
    private final PrintStream err;
    private final boolean interactive;
    private final boolean color;

    Terminal(PrintStream out, PrintStream err, boolean interactive, boolean color) {
        this.out = out;
        this.err = err;
        this.interactive = interactive;
        this.color = color;
    }

    static Terminal system(boolean noColor) {
        boolean interactive = isTerminal(System.console());
        String term = System.getenv("TERM");
        boolean color = interactive && !noColor && !"dumb".equals(term);
        return new Terminal(stream(FileDescriptor.out), stream(FileDescriptor.err), interactive, color);
    }

    /** Whether stdout is a terminal (and stdin: Java 17's console needs both). */
    public boolean isInteractive() {
        return interactive;
    }

    public void println(String line) {
        out.println(line);
    }

    public void print(String text) {
        out.print(text);
    }

    /** A line of a stream that is followed (logs -f, events -f): out at once. */
    public void emit(String line) {
        out.println(line);
        out.flush();
    }

    /** Text that came from the host or a worker, made harmless when it goes to a terminal; a pipe gets it as it is. */
    public String untrusted(String text) {
        if (text == null) {
            return "";
        }
        return interactive ? escaped(text) : text;
    }

    /** Text with its control characters written out ({@code \x1b}), for a table's cells, which must stay on their line. */
    public static String escaped(String text) {
        if (text == null) {
            return "";
        }
        StringBuilder safe = new StringBuilder(text.length());
        text.codePoints().forEach(c -> {
            if (c == '\t') {
                safe.append(' ');
            } else if (Character.isISOControl(c) || c == 0x2028 || c == 0x2029) {
                safe.append(String.format("\\x%02x", c));
            } else {
                safe.appendCodePoint(c);
            }
        });
        return safe.toString();
    }

    public String paint(String text, Style style) {
        return color && style != Style.PLAIN ? style.code + text + "\u001b[0m" : text;
    }

    public void warn(String message) {
        err.println("covey: warning: " + message);
        err.flush();
    }

    public void error(String message) {
        out.flush();
        err.println("covey: " + message);
        err.flush();
    }

    /** A yes/no question on the terminal; false when there is none to ask. */
    public boolean confirm(String question) {
        Console console = System.console();
        if (console == null) {
            return false;
        }
        out.flush();
        String answer = console.readLine("%s [y/N] ", question);
        return answer != null && (answer.trim().equalsIgnoreCase("y") || answer.trim().equalsIgnoreCase("yes"));
    }

    public void flush() {
        out.flush();
        err.flush();
    }

    /** For {@code top}: the raw output, written and flushed as one frame. */
    public void frame(String text) {
        out.print(text);
        out.flush();
    }

    public enum Style {
        PLAIN(""), BOLD("\u001b[1m"), DIM("\u001b[2m"), RED("\u001b[31m"), GREEN("\u001b[32m"), YELLOW("\u001b[33m"),
        BLUE("\u001b[34m"), CYAN("\u001b[36m");

        private final String code;

        Style(String code) {
            this.code = code;
        }
    }

    private static PrintStream stream(FileDescriptor fd) {
        // Buffered: a table is one write, not one per line; follow modes flush per line (emit).
        return new PrintStream(new BufferedOutputStream(new FileOutputStream(fd), 16 * 1024), false, StandardCharsets.UTF_8);
    }

    private static boolean isTerminal(Console console) {
        if (console == null) {
            return false;
        }
        try {
            // Java 22+ has a console even when redirected, and says whether it is a terminal.
            return (boolean) Console.class.getMethod("isTerminal").invoke(console);
        } catch (ReflectiveOperationException e) {
            return true;
        }
    }
}
