package io.covey.cli;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

/**
 * The terminal in character mode for {@code covey top}: keys arrive one by one, unechoed.
 * Done with {@code stty} on {@code /dev/tty}, as a JVM has no termios of its own; the saved
 * settings are put back on close.
 */
final class RawMode implements AutoCloseable {
    private static final File TTY = new File("/dev/tty");
    private final String saved;
    private boolean closed;

    private RawMode(String saved) {
        this.saved = saved;
    }

    static RawMode enter() {
        String saved = stty("-g").trim();
        RawMode mode = new RawMode(saved);
        stty("-icanon", "-echo", "min", "1");
        return mode;
    }

    /** Rows and columns of the terminal; 24 x 80 when it will not say. */
    static int[] size() {
        try {
            String[] parts = stty("size").trim().split("\\s+");
            return new int[] {Integer.parseInt(parts[0]), Integer.parseInt(parts[1])};
        } catch (RuntimeException e) {
            return new int[] {24, 80};
        }
    }

    @Override
    public synchronized void close() {
        if (!closed) {
            closed = true;
            stty(saved);
        }
    }

    private static String stty(String... args) {
        String[] command = new String[args.length + 1];
        command[0] = "stty";
        System.arraycopy(args, 0, command, 1, args.length);
        try {
            Process process = new ProcessBuilder(command).redirectInput(TTY)
                    .redirectError(ProcessBuilder.Redirect.DISCARD).start();
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (process.waitFor() != 0) {
                throw new CliException(ExitCodes.FAILURE, "stty " + String.join(" ", args) + " failed on /dev/tty");
            }
            return output;
        } catch (IOException e) {
            throw new CliException(ExitCodes.FAILURE, "cannot set up the terminal (stty): " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CliException(ExitCodes.FAILURE, "interrupted while setting up the terminal");
        }
    }
}
