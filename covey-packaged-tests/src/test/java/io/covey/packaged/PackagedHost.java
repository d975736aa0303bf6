package io.covey.packaged;

import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import io.covey.client.CoveyClient;
import io.covey.client.CoveyClientSettings;

/**
 * The host's executable jar in a JVM of its own, started as the README says:
 * {@code java -jar covey-host-*-exec.jar --covey.host.worker-path=DIR} and nothing else. The port
 * comes from {@code COVEY_PORT} (the jar's own default is 7700, which parallel builds would share).
 */
final class PackagedHost implements AutoCloseable {
    private final Process process;
    private final ProcessTree tree;
    private final Path log;
    private final int port;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private CoveyClient client;

    private PackagedHost(Process process, Path log, int port) {
        this.process = process;
        this.tree = new ProcessTree(process.toHandle());
        this.log = log;
        this.port = port;
    }

    static PackagedHost start(Path workerDirectory, Path workDirectory) throws IOException {
        int port = Artifacts.freePort();
        List<String> command = new ArrayList<>(List.of(Artifacts.java().toString(), "-jar", Artifacts.hostExecJar().toString(),
                "--covey.host.worker-path=" + workerDirectory));
        Path log = workDirectory.resolve("host-" + port + ".log");
        ProcessBuilder builder = new ProcessBuilder(command).directory(workDirectory.toFile())
                .redirectErrorStream(true).redirectOutput(log.toFile());
        builder.environment().remove("COVEY_API_TOKEN");
        builder.environment().put("COVEY_PORT", Integer.toString(port));
        PackagedHost host = new PackagedHost(builder.start(), log, port);
        try {
            await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(250))
                    .until(() -> !host.process.isAlive() || host.status("/actuator/health") == 200);
            if (!host.process.isAlive()) {
                throw new IllegalStateException("the host exited with " + host.process.exitValue() + ":\n" + host.log());
            }
        } catch (RuntimeException | Error e) {
            host.close();
            throw e;
        }
        return host;
    }

    String baseUrl() {
        return "http://127.0.0.1:" + port;
    }

    synchronized CoveyClient client() {
        if (client == null) {
            client = new CoveyClient(CoveyClientSettings.of(baseUrl()));
        }
        return client;
    }

    long pid() {
        return process.pid();
    }

    int status(String path) {
        try {
            return http.send(HttpRequest.newBuilder(URI.create(baseUrl() + path)).timeout(Duration.ofSeconds(5)).build(),
                    HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (IOException e) {
            return -1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return -1;
        }
    }

    HttpResponse<String> get(String path) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(URI.create(baseUrl() + path)).build(), HttpResponse.BodyHandlers.ofString());
    }

    HttpResponse<String> put(String path, String json) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(URI.create(baseUrl() + path)).header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString(json)).build(), HttpResponse.BodyHandlers.ofString());
    }

    String log() {
        try {
            return Files.readString(log);
        } catch (IOException e) {
            return "(no log: " + e.getMessage() + ")";
        }
    }

    /** The processes the host started that are still alive, as {@code pid command line}. */
    List<String> aliveBelowHost() {
        return tree.alive().stream().filter(line -> !line.startsWith(process.pid() + " ")).toList();
    }

    /** SIGTERM, as a service manager stops it; the host stops its children. Anything left after that is killed. */
    @Override
    public void close() {
        if (client != null) {
            client.close();
        }
        process.destroy();
        try {
            process.waitFor(40, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        tree.close();
    }

    /** Stops the host like {@link #close()} and says which of its processes outlived it (none should). */
    List<String> stopAndListSurvivors() {
        if (client != null) {
            client.close();
            client = null;
        }
        process.destroy();
        try {
            process.waitFor(40, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        await().atMost(Duration.ofSeconds(10)).until(() -> tree.alive().isEmpty() || !process.isAlive());
        List<String> survivors = tree.alive();
        tree.close();
        return survivors;
    }
}
