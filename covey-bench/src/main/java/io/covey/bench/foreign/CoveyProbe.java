package io.covey.bench.foreign;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import io.covey.bench.child.Processes;

/** The harness's side of {@link CoveyProbeMain}: a Covey manager in its own JVM, driven over stdin. */
public final class CoveyProbe implements AutoCloseable {
    /** A RUNNING event, stamped in the probe. */
    public record Running(String worker, int attempt, long pid, long nanos) {
    }

    private final Process process;
    private final PrintStream commands;
    private final BlockingQueue<Running> running = new LinkedBlockingQueue<>();
    private final BlockingQueue<String> other = new LinkedBlockingQueue<>();

    public CoveyProbe(Path log, String childJvmOptions) throws Exception {
        this(log, childJvmOptions, 0);
    }

    /** @param warmPool the size of the launcher's warm pool, 0 for none */
    public CoveyProbe(Path log, String childJvmOptions, int warmPool) throws Exception {
        // The manager JVM gets no special flags: a host as a user would start it.
        List<String> command = new ArrayList<>(List.of(Processes.javaBinary(), "-Dbench.childJvmOptions=" + childJvmOptions,
                "-Dbench.warmPool=" + warmPool, "-cp", System.getProperty("java.class.path"), CoveyProbeMain.class.getName()));
        process = new ProcessBuilder(command).redirectError(log.toFile()).start();
        commands = new PrintStream(process.getOutputStream(), true, StandardCharsets.UTF_8);
        Thread reader = new Thread(this::readLoop, "bench-covey-probe");
        reader.setDaemon(true);
        reader.start();
        String first = other.poll(60, TimeUnit.SECONDS);
        if (!"ready".equals(first)) {
            close();
            throw new IllegalStateException("the Covey probe did not start (see " + log + "): " + first);
        }
    }

    private void readLoop() {
        try (BufferedReader in = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = in.readLine()) != null) {
                String[] w = line.split(" ");
                if (w[0].equals("running")) {
                    running.add(new Running(w[1], Integer.parseInt(w[2]), Long.parseLong(w[3]), Long.parseLong(w[4])));
                } else {
                    other.add(line);
                }
            }
        } catch (IOException e) {
            // the probe ended
        }
    }

    public long pid() {
        return process.pid();
    }

    /** Declares N connect-back workers in a group; returns when the command was sent. */
    public void run(String group, int port, int count) {
        running.clear();
        commands.println("run " + group + " " + port + " " + count);
    }

    /** Declares N foreign no-op workers (running() at once, nothing else) in a group; returns when the command was sent. */
    public void runNoop(String group, int count) {
        running.clear();
        commands.println("noop " + group + " " + count);
    }

    /** Returns once the probe's warm pool is full again (and settled); at once without a pool. */
    public void awaitFullPool() throws InterruptedException, TimeoutException {
        commands.println("poolwait");
        String answer = other.poll(3, TimeUnit.MINUTES);
        if (answer == null || !answer.startsWith("pool ")) {
            throw new TimeoutException("the Covey probe's warm pool did not fill: " + answer);
        }
    }

    public List<Running> awaitRunning(int count, Duration timeout) throws InterruptedException, TimeoutException {
        long deadline = System.nanoTime() + timeout.toNanos();
        List<Running> got = new ArrayList<>();
        while (got.size() < count) {
            Running next = running.poll(deadline - System.nanoTime(), TimeUnit.NANOSECONDS);
            if (next == null) {
                throw new TimeoutException(got.size() + " of " + count + " Covey workers RUNNING within " + timeout);
            }
            got.add(next);
        }
        return got;
    }

    public void nuke(String group) throws InterruptedException, TimeoutException {
        commands.println("nuke " + group);
        String answer = other.poll(60, TimeUnit.SECONDS);
        if (answer == null) {
            throw new TimeoutException("the Covey probe did not nuke " + group);
        }
    }

    @Override
    public void close() throws InterruptedException {
        commands.println("quit");
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            process.destroyForcibly();
        }
    }
}
