package io.covey.engine.foreign;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.List;
import java.util.concurrent.CompletableFuture;

import io.covey.engine.launch.RunCallbacks;

/**
 * A started child JVM: its process, the tree of its descendants, and its two output streams,
 * drained on threads of their own from the moment it exists. Its stdin is closed at once.
 */
final class ChildProcess {
    private final Process process;
    private final ProcessTree tree;
    private final OutputDrain stdout;
    private final OutputDrain stderr;
    private final long startedNanos;

    private ChildProcess(Process process, long startedNanos, RunCallbacks callbacks, String name) {
        this.process = process;
        this.startedNanos = startedNanos;
        this.tree = new ProcessTree(process.toHandle());
        closeQuietly(process.getOutputStream());
        this.stdout = drain(process.getInputStream(), "stdout", callbacks, name);
        this.stderr = drain(process.getErrorStream(), "stderr", callbacks, name);
    }

    /** Starts the command with exactly the given environment. */
    static ChildProcess start(ChildCommand command, RunCallbacks callbacks, String name) throws IOException {
        ProcessBuilder builder = new ProcessBuilder(command.command());
        builder.environment().clear();
        builder.environment().putAll(command.environment());
        long started = System.nanoTime();
        return new ChildProcess(builder.start(), started, callbacks, name);
    }

    long pid() {
        return process.pid();
    }

    ProcessTree tree() {
        return tree;
    }

    long startedNanos() {
        return startedNanos;
    }

    CompletableFuture<Process> onExit() {
        return process.onExit();
    }

    /** Whether the process has ended (it may not have been seen to yet by {@link #onExit()}'s dependants). */
    boolean hasExited() {
        return !process.isAlive();
    }

    /** The exit code; only once {@link #onExit()} completed. */
    int exitCode() {
        return process.exitValue();
    }

    /** Completes when both output streams reached their end. */
    CompletableFuture<Void> drained() {
        return CompletableFuture.allOf(stdout.done(), stderr.done());
    }

    /** The JVM's out-of-memory exit line, if it printed one (on stdout, or stderr with DisplayVMOutputToStderr). */
    String outOfMemory() {
        return stdout.outOfMemory() != null ? stdout.outOfMemory() : stderr.outOfMemory();
    }

    List<String> stderrTail() {
        return stderr.tail();
    }

    private static OutputDrain drain(InputStream in, String stream, RunCallbacks callbacks, String name) {
        OutputDrain drain = new OutputDrain(in, stream, callbacks);
        Thread thread = new Thread(drain, "covey-" + stream + "-" + name);
        thread.setDaemon(true);
        thread.start();
        return drain;
    }

    private static void closeQuietly(OutputStream stream) {
        try {
            stream.close();
        } catch (IOException ignored) {
            // The child's stdin: nothing will ever be written to it.
        }
    }
}
