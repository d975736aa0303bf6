package io.covey.cli;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

/**
 * Runs the packaged executable, {@code covey-cli/target/covey}, as a user would: its own
 * process, the environment a test gives it (and none of the developer's own: HOME is a fresh
 * directory, so no ~/.config/covey/config is read), stdin from nothing. Every process started
 * here is ended: by its own exit, or destroyed with its descendants.
 */
public final class Cli {
    public static final Path EXECUTABLE = Path.of(System.getProperty("covey.cli.executable", "target/covey")).toAbsolutePath();
    private static final Duration RUN_LIMIT = Duration.ofSeconds(60);

    private final Map<String, String> env = new HashMap<>();

    private Cli() {
    }

    /** Pointed at the shared test host with its token. */
    public static Cli forTestHost() {
        return new Cli().env("COVEY_HOST", CliHost.url()).env("COVEY_API_TOKEN", CliHost.TOKEN);
    }

    public static Cli bare() {
        return new Cli();
    }

    public Cli env(String name, String value) {
        env.put(name, value);
        return this;
    }

    public Cli without(String name) {
        env.put(name, null);
        return this;
    }

    /** What a finished command printed, and its exit code. */
    public record Result(int exitCode, String out, String err, Duration took) {
        public List<String> lines() {
            return out.lines().toList();
        }

        @Override
        public String toString() {
            return "exit " + exitCode + " after " + took.toMillis() + " ms\n--- stdout\n" + out + "--- stderr\n" + err;
        }
    }

    /** Runs to the end and returns what it printed. */
    public Result run(String... args) {
        long start = System.nanoTime();
        Process process = start(args);
        try {
            // Read both pipes to the end first, so a talkative command cannot block on a full one.
            var out = readAsync(process.getInputStream());
            var err = readAsync(process.getErrorStream());
            if (!process.waitFor(RUN_LIMIT.toSeconds(), TimeUnit.SECONDS)) {
                throw new AssertionError("covey " + String.join(" ", args) + " still running after " + RUN_LIMIT);
            }
            return new Result(process.exitValue(), out.get(), err.get(), Duration.ofNanos(System.nanoTime() - start));
        } catch (InterruptedException | java.util.concurrent.ExecutionException e) {
            throw new IllegalStateException(e);
        } finally {
            destroy(process);
        }
    }

    /** A command that keeps running (logs -f, events -f): its output lines as they come; close it to end it. */
    public Running follow(String... args) {
        Process process = start(args);
        Running running = new Running(process);
        running.collect(process.getInputStream(), running.out);
        running.collect(process.getErrorStream(), running.err);
        return running;
    }

    public static final class Running implements AutoCloseable {
        private final Process process;
        public final List<String> out = new CopyOnWriteArrayList<>();
        public final List<String> err = new CopyOnWriteArrayList<>();

        private Running(Process process) {
            this.process = process;
        }

        private void collect(InputStream stream, List<String> into) {
            Thread reader = new Thread(() -> {
                try (BufferedReader lines = new BufferedReader(new InputStreamReader(stream, StandardCharsets.UTF_8))) {
                    for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                        into.add(line);
                    }
                } catch (IOException ended) {
                    // the process is gone
                }
            }, "cli-test-output");
            reader.setDaemon(true);
            reader.start();
        }

        public boolean isAlive() {
            return process.isAlive();
        }

        @Override
        public void close() {
            destroy(process);
        }
    }

    private Process start(String... args) {
        List<String> command = new ArrayList<>();
        command.add(EXECUTABLE.toString());
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
        Map<String, String> environment = builder.environment();
        for (String name : List.of("COVEY_HOST", "COVEY_API_TOKEN", "COVEY_CONFIG", "XDG_CONFIG_HOME", "NO_COLOR", "COVEY_JAVA_OPTS")) {
            environment.remove(name);
        }
        environment.put("HOME", Homes.FRESH.toString());
        env.forEach((name, value) -> {
            if (value == null) {
                environment.remove(name);
            } else {
                environment.put(name, value);
            }
        });
        try {
            return builder.start();
        } catch (IOException e) {
            throw new IllegalStateException("cannot start " + EXECUTABLE + " (run mvn package first)", e);
        }
    }

    /** SIGTERM to the command and whatever it started, then SIGKILL after a grace period. */
    static void destroy(Process process) {
        List<ProcessHandle> tree = new ArrayList<>(process.descendants().toList());
        tree.add(process.toHandle());
        tree.forEach(ProcessHandle::destroy);
        for (ProcessHandle handle : tree) {
            try {
                handle.onExit().get(5, TimeUnit.SECONDS);
            } catch (Exception e) {
                handle.destroyForcibly();
            }
        }
    }

    private static java.util.concurrent.Future<String> readAsync(InputStream stream) {
        java.util.concurrent.FutureTask<String> task = new java.util.concurrent.FutureTask<>(
                () -> new String(stream.readAllBytes(), StandardCharsets.UTF_8));
        Thread thread = new Thread(task, "cli-test-read");
        thread.setDaemon(true);
        thread.start();
        return task;
    }

    /** A home directory with nothing in it, for the whole run. */
    private static final class Homes {
        static final Path FRESH;

        static {
            try {
                FRESH = Files.createTempDirectory("covey-cli-home");
                FRESH.toFile().deleteOnExit();
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        }
    }
}
