package io.covey.host.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.File;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.covey.engine.foreign.ForeignTestSupport;

/** SIGTERM to a host in its own JVM: every worker is stopped and no child process is left. */
class HostSigtermTest {
    @TempDir
    Path dir;
    private Process host;
    private Set<Long> seen = Set.of();

    @AfterEach
    void cleanUp() {
        if (host != null) {
            host.destroyForcibly();
        }
        seen.forEach(pid -> ProcessHandle.of(pid).ifPresent(ProcessHandle::destroyForcibly));
    }

    @Test
    void sigtermStopsEveryWorkerAndLeavesNoChildBehind() throws Exception {
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        host = new ProcessBuilder(javaBinary(), "-cp", System.getProperty("java.class.path"), SigtermHostMain.class.getName(),
                "--server.port=" + port, "--spring.main.banner-mode=off",
                "--covey.host.worker-defaults.stop-timeout=2s", "--covey.worker.kill-grace=1s",
                "--covey.worker.socket-directory=" + dir)
                .redirectErrorStream(true).redirectOutput(dir.resolve("host.log").toFile()).start();
        HttpJson api = new HttpJson(port, null);
        await().atMost(Duration.ofSeconds(60)).ignoreExceptions().until(() -> api.get("/actuator/health").status() == 200);

        api.put("/api/v1/groups/doomed", """
                {"workers":[{"type":"ServiceWorker","id":"polite","params":{"name":"p"}},
                            {"type":"StubbornWorker","id":"stubborn"}]}""");
        await().atMost(Duration.ofSeconds(30)).until(() -> state(api, "polite").equals("RUNNING") && state(api, "stubborn").equals("RUNNING"));
        // The stubborn worker's two grandchildren (one in its own session) are descendants too.
        await().until(() -> host.descendants().count() >= 4);
        seen = host.descendants().map(ProcessHandle::pid).collect(Collectors.toSet());
        assertThat(api.get("/api/v1/workers/polite").json().get("pid").asLong()).isIn(seen);

        host.destroy(); // SIGTERM

        assertThat(host.waitFor(40, java.util.concurrent.TimeUnit.SECONDS)).as("the host exits").isTrue();
        await().atMost(Duration.ofSeconds(10)).until(() -> seen.stream().noneMatch(ForeignTestSupport::alive));
        List<String> log = Files.readAllLines(dir.resolve("host.log"));
        assertThat(log).as("host log").noneMatch(line -> line.contains("still running after the shutdown budget"));
    }

    private static String state(HttpJson api, String id) {
        return api.get("/api/v1/workers/" + id).json().get("state").asString();
    }

    private static String javaBinary() {
        return System.getProperty("java.home") + File.separator + "bin" + File.separator + "java";
    }
}
