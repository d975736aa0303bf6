package io.covey.engine.foreign;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** No orphans: a host killed with SIGKILL takes its foreign workers and their descendants along. */
class HostKilledTest {
    private final ForeignTestSupport processes = ForeignTestSupport.create();
    private Process host;

    @AfterEach
    void cleanUp() {
        if (host != null) {
            host.destroyForcibly();
        }
        processes.killAll();
    }

    @Test
    void childrenAndGrandchildrenExitWithinFiveSecondsOfTheHostsSigkill(@TempDir Path dir) throws Exception {
        killHostAndAwaitOrphans(dir, 3);
    }

    @Test
    void waitingWarmChildrenExitWithinFiveSecondsOfTheHostsSigkill(@TempDir Path dir) throws Exception {
        killHostAndAwaitOrphans(dir, 2, "warm", "2");
    }

    private void killHostAndAwaitOrphans(Path dir, int expected, String... mode) throws Exception {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), OrphanHostMain.class.getName(), dir.resolve("sockets").toString()));
        command.addAll(List.of(mode));
        host = new ProcessBuilder(command)
                .redirectError(dir.resolve("host.err").toFile())
                .start();
        processes.track(host.pid());
        BufferedReader out = new BufferedReader(new InputStreamReader(host.getInputStream(), StandardCharsets.UTF_8));
        String line = CompletableFuture.supplyAsync(() -> readPidsLine(out)).get(30, TimeUnit.SECONDS);
        List<Long> pids = new ArrayList<>();
        for (String pid : line.substring("PIDS ".length()).split(" ")) {
            pids.add(Long.parseLong(pid));
        }
        pids.forEach(processes::track);
        assertThat(pids).hasSize(expected).allMatch(ForeignTestSupport::alive);

        host.destroyForcibly();
        long killed = System.nanoTime();

        await().atMost(Duration.ofSeconds(5)).pollInterval(Duration.ofMillis(50))
                .untilAsserted(() -> assertThat(pids).noneMatch(ForeignTestSupport::alive));
        System.out.printf("host killed: " + pids.size() + " processes gone after %d ms%n", (System.nanoTime() - killed) / 1_000_000);
    }

    private static String readPidsLine(BufferedReader out) {
        try {
            String line;
            while ((line = out.readLine()) != null) {
                if (line.startsWith("PIDS ")) {
                    return line;
                }
            }
            throw new IllegalStateException("the host ended without printing its child's pids");
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
