package io.covey.bench.foreign;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import io.covey.bench.child.BenchChild;
import io.covey.bench.child.Processes;
import io.covey.bench.child.ReadyListener;

/**
 * The floor: N bare child JVMs (Covey's java, flags and class path; {@link BenchChild} as
 * main) started together, until the last said ready. Nothing can launch a JVM faster.
 */
public final class Floor {
    private static final Duration TIMEOUT = Duration.ofMinutes(2);

    private Floor() {
    }

    /** Milliseconds from the first start() to the last ready line; the children are killed afterwards. */
    public static double spawn(ReadyListener listener, int count) throws Exception {
        listener.drain();
        List<String> command = Processes.javaCommand(BenchChild.class.getName(), Integer.toString(listener.port()));
        List<Process> children = new ArrayList<>();
        try {
            long start = System.nanoTime();
            for (int i = 0; i < count; i++) {
                children.add(new ProcessBuilder(command).redirectOutput(ProcessBuilder.Redirect.DISCARD)
                        .redirectError(ProcessBuilder.Redirect.DISCARD).start());
            }
            long last = listener.await(count, TIMEOUT).stream().mapToLong(ReadyListener.Ready::nanos).max().orElseThrow();
            return (last - start) / 1e6;
        } finally {
            for (Process child : children) {
                child.destroyForcibly();
            }
            for (Process child : children) {
                waitQuietly(child);
            }
            listener.closeConnections();
        }
    }

    private static void waitQuietly(Process child) {
        try {
            child.waitFor();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
