package io.covey.cli.commands;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import io.covey.cli.CoveyCli;
import io.covey.cli.ExitCodes;
import io.covey.core.api.GroupDiff;
import io.covey.core.api.GroupStatus;
import io.covey.core.api.LogLine;
import io.covey.core.api.WorkerStatus;
import io.covey.core.json.CoveyJson;
import io.covey.core.lifecycle.WorkerState;
import io.covey.core.spec.WorkerSpec;
import picocli.CommandLine.Command;

/**
 * The training run behind the class-data archive (see the {@code covey} script): runs the
 * everyday commands in this JVM against a stand-in for the host's API on a loopback port, so
 * that the classes they load (picocli, the HTTP client, Jackson and its record handling, the
 * table) are the ones archived. Its output is discarded; it changes nothing anywhere.
 */
@Command(name = "__cds-training", hidden = true, description = "Runs the CLI's commands once for its class-data archive.")
public final class CdsTrainingCommand implements Callable<Integer> {

    @Override
    public Integer call() throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        Instant now = Instant.now();
        WorkerSpec spec = WorkerSpec.of("Example", Map.of("port", 7770)).withId("example");
        WorkerStatus worker = new WorkerStatus("example", "training", "Example", true, WorkerState.RUNNING, "serving",
                1, 0, 4242L, now, null, false, null, spec, false, null);
        GroupStatus group = new GroupStatus("training", false, List.of(worker));
        server.createContext("/api/v1/groups", exchange -> {
            boolean one = exchange.getRequestURI().getPath().length() > "/api/v1/groups/".length();
            Object body = "PUT".equals(exchange.getRequestMethod())
                    ? new GroupDiff("training", List.of(), List.of(), List.of("example"), 1) : one ? group : List.of(group);
            answer(exchange, 200, body);
        });
        server.createContext("/api/v1/workers", exchange -> {
            String path = exchange.getRequestURI().getPath();
            if (path.endsWith("/logs")) {
                answer(exchange, 200, List.of(new LogLine(now, 1, "stdout", "ready")));
            } else if (path.endsWith("/example")) {
                answer(exchange, 200, worker);
            } else {
                answer(exchange, 404, Map.of("type", "about:blank", "title", "Not Found", "status", 404, "detail", "no such worker"));
            }
        });
        server.createContext("/api/v1/manifest", exchange -> answer(exchange, 200, Map.of("types", List.of("Example"))));
        server.createContext("/api/v1/events", exchange -> answer(exchange, 200, Map.of("lastSeq", 0, "oldestRetainedSeq", 0)));
        server.start();
        Path dir = Files.createTempDirectory("covey-cds-training");
        try {
            String host = "http://127.0.0.1:" + server.getAddress().getPort();
            Path json = Files.writeString(dir.resolve("groups.json"), "{\"groups\":{\"training\":{\"workers\":["
                    + CoveyJson.write(spec) + "]}}}");
            Path yaml = Files.writeString(dir.resolve("groups.yaml"), "groups:\n  training:\n    workers:\n      - type: Example\n");
            List<List<String>> commands = List.of(List.of("ls"), List.of("ls", "-o", "json"), List.of("ls", "training"),
                    List.of("status", "example"), List.of("status", "missing"), List.of("logs", "example"),
                    List.of("manifest"), List.of("events"), List.of("apply", "-f", json.toString()),
                    List.of("apply", "--dry-run", "-f", yaml.toString()), List.of("ls", "-o", "yaml"), List.of("--help"));
            for (List<String> command : commands) {
                List<String> args = new java.util.ArrayList<>(List.of("--host", host));
                args.addAll(command);
                CoveyCli.run(args.toArray(String[]::new));
            }
            CoveyCli.run("--host", "http://127.0.0.1:1", "--timeout", "1s", "ls");
        } finally {
            server.stop(0);
            try (var files = Files.list(dir)) {
                for (Path file : files.toList()) {
                    Files.deleteIfExists(file);
                }
            }
            Files.deleteIfExists(dir);
        }
        return ExitCodes.OK;
    }

    private static void answer(HttpExchange exchange, int status, Object body) throws IOException {
        byte[] bytes = CoveyJson.write(body).getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", status == 200 ? "application/json" : "application/problem+json");
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }
}
