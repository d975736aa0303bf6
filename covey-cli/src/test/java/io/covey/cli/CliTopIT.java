package io.covey.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import io.covey.core.lifecycle.WorkerState;
import io.covey.engine.testworkers.ServiceWorker;

/**
 * {@code covey top} in a real pseudo-terminal: tmux runs it in a detached session of its own
 * server, the test reads the screen with capture-pane and types with send-keys. Without tmux
 * the test is skipped on a developer's machine; under CI (CI=true) it must run.
 */
@ExtendWith(CliHost.class)
class CliTopIT {
    private final String server = "covey-cli-test-" + UUID.randomUUID().toString().substring(0, 8);

    @BeforeEach
    void needsTmux() {
        boolean present = tmuxPresent();
        boolean ci = "true".equalsIgnoreCase(System.getenv("CI"));
        Assumptions.assumeTrue(present || ci, "no tmux: install it (Debian package tmux) to run covey top's test");
        if (!present) {
            throw new IllegalStateException("CI=true but tmux is missing: .ci/run installs it (.ci/system-packages)");
        }
    }

    @AfterEach
    void endTmux() throws Exception {
        CliHost.nuke(List.of("cli-top"));
        tmux("kill-server");
    }

    @Test
    void drawsRefreshesOnAStateChangeAndQuitsOnQ() throws Exception {
        CliHost.manager().runGroup("cli-top", List.of(new ServiceWorker(new ServiceWorker.Params("top")).setId("cli-top-svc")));
        await().until(() -> CliHost.manager().worker("cli-top-svc").state() == WorkerState.RUNNING);

        // A long interval: a redraw within the test's wait can only come from the host's events.
        String command = "exec " + Cli.EXECUTABLE + " top --interval 10m";
        tmux("new-session", "-d", "-s", "top", "-x", "180", "-y", "40",
                "-e", "COVEY_HOST=" + CliHost.url(), "-e", "COVEY_API_TOKEN=" + CliHost.TOKEN, "-e", "HOME=" + System.getProperty("java.io.tmpdir"),
                command);
        long pid = Long.parseLong(tmux("list-panes", "-t", "top", "-F", "#{pane_pid}").trim());

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(screen())
                .contains("covey top", "GROUP", "WORKER", "STATE", "q quits")
                .containsPattern("cli-top +cli-top-svc +ServiceWorker +RUNNING"));

        CliHost.manager().stopGroup("cli-top");
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(screen())
                .containsPattern("cli-top +cli-top-svc +ServiceWorker +STOPPED"));

        tmux("send-keys", "-t", "top", "q");
        await().atMost(Duration.ofSeconds(10)).until(() -> ProcessHandle.of(pid).map(p -> !p.isAlive()).orElse(true));
    }

    private String screen() throws Exception {
        return tmux("capture-pane", "-p", "-t", "top");
    }

    private String tmux(String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("tmux", "-L", server));
        command.addAll(List.of(args));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!process.waitFor(10, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("tmux " + String.join(" ", args) + " hung");
        }
        if (process.exitValue() != 0 && !args[0].equals("kill-server")) {
            throw new AssertionError("tmux " + String.join(" ", args) + " failed: " + output);
        }
        return output;
    }

    private static boolean tmuxPresent() {
        try {
            return new ProcessBuilder("tmux", "-V").redirectErrorStream(true).start().waitFor() == 0;
        } catch (IOException | InterruptedException e) {
            return false;
        }
    }
}
