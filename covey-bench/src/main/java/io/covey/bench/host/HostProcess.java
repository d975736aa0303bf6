package io.covey.bench.host;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import io.covey.bench.child.Processes;

/**
 * The real host service ({@code CoveyHostApplication}, Spring Boot) in a JVM of its own, with
 * no JVM flags (as a user would start it), the bench workers scanned, loopback only.
 */
public final class HostProcess implements AutoCloseable {
    private final Process process;
    private final int port;
    private final HttpClient http = HttpClient.newHttpClient();

    public HostProcess(Path log, int maxWorkers, int retainedEvents) throws Exception {
        try (ServerSocket free = new ServerSocket(0)) {
            port = free.getLocalPort();
        }
        List<String> command = new ArrayList<>(List.of(Processes.javaBinary()));
        // -Dbench.hostJvmOptions="-XX:StartFlightRecording=..." profiles the host; none by default.
        String extra = System.getProperty("bench.hostJvmOptions", "").trim();
        if (!extra.isEmpty()) {
            command.addAll(List.of(extra.split("\\s+")));
        }
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), "io.covey.host.CoveyHostApplication", "--server.port=" + port, "--server.address=127.0.0.1",
                "--covey.worker.scan-packages=io.covey.bench.workers",
                "--covey.host.max-workers-per-group=" + maxWorkers, "--covey.host.max-workers=" + maxWorkers,
                "--covey.host.events.retained=" + retainedEvents, "--covey.host.worker-defaults.foreign=false"));
        process = Processes.start(command, log);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        while (true) {
            try {
                if (get("/actuator/health").statusCode() == 200) {
                    return;
                }
            } catch (IOException e) {
                // not listening yet
            }
            if (!process.isAlive() || System.nanoTime() > deadline) {
                close();
                throw new IllegalStateException("the host did not come up; see " + log);
            }
            Thread.sleep(100);
        }
    }

    public int port() {
        return port;
    }

    public long pid() {
        return process.pid();
    }

    public HttpResponse<String> get(String path) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(uri(path)).timeout(Duration.ofSeconds(60)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
    }

    public HttpResponse<String> put(String path, String json) throws IOException, InterruptedException {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(uri(path)).timeout(Duration.ofSeconds(60))
                .header("Content-Type", "application/json").PUT(HttpRequest.BodyPublishers.ofString(json)).build(),
                HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new IOException("PUT " + path + ": " + response.statusCode() + " " + response.body());
        }
        return response;
    }

    private URI uri(String path) {
        return URI.create("http://127.0.0.1:" + port + path);
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy(); // SIGTERM: the host stops its workers within its shutdown budget
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            process.waitFor();
        }
    }
}
