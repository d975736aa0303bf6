package io.covey.cli;

/**
 * The whole terminal for a full-screen view: the alternate screen (so the shell's screen comes
 * back afterwards), no cursor, keys one by one. Closing puts everything back, and so does the
 * JVM's end on Ctrl-C.
 */
public final class TtyScreen implements AutoCloseable {
    private static final String ENTER = "\u001b[?1049h\u001b[?25l";
    private static final String LEAVE = "\u001b[?25h\u001b[?1049l";

    private final Terminal terminal;
    private final RawMode rawMode;
    private final Thread restoreOnExit = new Thread(this::restore, "covey-cli-tty-restore");
    private boolean restored;

    private TtyScreen(Terminal terminal, RawMode rawMode) {
        this.terminal = terminal;
        this.rawMode = rawMode;
        Runtime.getRuntime().addShutdownHook(restoreOnExit);
    }

    public static TtyScreen open(Terminal terminal) {
        RawMode rawMode = RawMode.enter();
        terminal.frame(ENTER);
        return new TtyScreen(terminal, rawMode);
    }

    /** Rows and columns now; asked per frame, so a resized window is drawn to its new size. */
    public int[] size() {
        return RawMode.size();
    }

    @Override
    public void close() {
        restore();
        try {
            Runtime.getRuntime().removeShutdownHook(restoreOnExit);
        } catch (IllegalStateException shuttingDown) {
            // Ctrl-C: the hook is running
        }
    }

    private synchronized void restore() {
        if (!restored) {
            restored = true;
            terminal.frame(LEAVE);
            rawMode.close();
        }
    }
}
