package io.covey.host.it.packaged;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.awaitility.Awaitility;

import io.covey.host.it.HttpJson;

/**
 * The host as a user runs it: {@code java -jar covey-host-*-exec.jar} with a directory of worker
 * jars (here one jar, packed from this module's test workers), its console captured to a file.
 */
final class PackagedHost implements AutoCloseable {
    private static final Pattern PORT = Pattern.compile("Tomcat started on port (\\d+)");

    private final Process process;
    private final Path console;
    final int port;
    final HttpJson api;

    private PackagedHost(Process process, Path console, int port, String token) {
        this.process = process;
        this.console = console;
        this.port = port;
        this.api = new HttpJson(port, token);
    }

    static PackagedHost start(Path workDir, String token, String... arguments) throws IOException {
        Path execJar = Path.of(System.getProperty("covey.test.execJar", "target/covey-host-exec.jar"));
        if (!Files.isRegularFile(execJar)) {
            throw new IllegalStateException(execJar + " is missing: the *IT tests run after package (mvn verify)");
        }
        Path workers = Files.createDirectories(workDir.resolve("workers"));
        packWorkers(workers.resolve("greeters.jar"));
        List<String> command = new ArrayList<>(List.of(ProcessHandle.current().info().command().orElse("java"),
                "-Xmx256m", "-jar", execJar.toString(), "--server.port=0", "--spring.main.banner-mode=off",
                "--covey.host.api-token=" + (token == null ? "" : token),
                "--covey.host.worker-path=" + workers, "--covey.worker.scan-packages=io.covey.host.it.packaged.workers",
                "--covey.host.worker-defaults.foreign=false", "--covey.worker.warm-pool.size=0"));
        command.addAll(List.of(arguments));
        Path console = workDir.resolve("console.log");
        Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(console.toFile()).start();
        try {
            int port = Awaitility.await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(100))
                    .until(() -> portIn(console, process), p -> p > 0);
            return new PackagedHost(process, console, port, token);
        } catch (RuntimeException e) {
            process.destroyForcibly();
            throw new IllegalStateException("the host did not start:\n" + Files.readString(console), e);
        }
    }

    private static int portIn(Path console, Process process) throws IOException {
        if (!process.isAlive()) {
            throw new IllegalStateException("the host exited with " + process.exitValue() + ":\n" + Files.readString(console));
        }
        Matcher matcher = PORT.matcher(Files.readString(console));
        return matcher.find() ? Integer.parseInt(matcher.group(1)) : 0;
    }

    List<String> consoleLines() throws IOException {
        return Files.readAllLines(console);
    }

    /** The compiled test workers of this module, as the one jar of a worker directory. */
    private static void packWorkers(Path jar) throws IOException {
        Path classes = Path.of("target", "test-classes");
        Path workers = classes.resolve("io/covey/host/it/packaged/workers");
        try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar)); Stream<Path> files = Files.list(workers)) {
            // Directory entries first, as any jar tool writes them: the package scan walks them.
            String dir = "";
            for (Path part : classes.relativize(workers)) {
                dir += part + "/";
                out.putNextEntry(new JarEntry(dir));
                out.closeEntry();
            }
            for (Path file : files.filter(f -> f.toString().endsWith(".class")).toList()) {
                out.putNextEntry(new JarEntry(classes.relativize(file).toString().replace('\\', '/')));
                out.write(Files.readAllBytes(file));
                out.closeEntry();
            }
        }
    }

    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(30, java.util.concurrent.TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(10, java.util.concurrent.TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }

}
