package io.covey.demo.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.covey.core.lifecycle.WorkerState;
import io.covey.demo.DemoHost;
import io.covey.demo.SocatPair;

/**
 * The demo client's view against a real host running the demo group in child JVMs: one readable
 * line per change, the job's result, the flaky worker's restarts, and the serial bytes over HTTP.
 */
class LiveViewTest {
    @TempDir
    Path ttys;
    DemoHost host;
    SocatPair pty;
    LiveView view;
    SerialTap tap;
    final ByteArrayOutputStream printed = new ByteArrayOutputStream();

    @BeforeEach
    void start() throws Exception {
        pty = SocatPair.start(ttys, "tty");
        host = DemoHost.start();
    }

    @AfterEach
    void stop() {
        if (tap != null) {
            tap.close();
        }
        if (view != null) {
            view.close();
        }
        if (host != null) {
            host.close();
        }
        if (pty != null) {
            pty.close();
        }
    }

    private String output() {
        return printed.toString(StandardCharsets.UTF_8);
    }

    @Test
    void printsALinePerChangeTheResultRestartsAndSerialBytes() throws Exception {
        int httpPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            httpPort = socket.getLocalPort();
        }
        // A countdown of 2 s, and a worker that crashes after every second it runs.
        DemoProperties properties = new DemoProperties("demo", 2, 1.0, pty.device().toString(), 9600, httpPort, null,
                null, null);
        view = new LiveView(host.client(), "demo", new PrintStream(printed, true, StandardCharsets.UTF_8),
                Clock.systemDefaultZone());

        view.start(DemoGroup.workers(properties));
        tap = new SerialTap(URI.create("http://127.0.0.1:" + httpPort + "/"), view);
        tap.start();

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(output())
                .containsPattern("(?m)^\\d\\d:\\d\\d:\\d\\d  demo       declared   started \\[countdown, flaky, serial\\], unchanged \\[\\]$")
                .containsPattern("(?m)^\\d\\d:\\d\\d:\\d\\d  countdown  RUNNING    attempt 1  counting down from 2$")
                .containsPattern("(?m)^\\d\\d:\\d\\d:\\d\\d  countdown  COMPLETED  attempt 1")
                .containsPattern("(?m)^\\d\\d:\\d\\d:\\d\\d  countdown  result     \\{\"counted\":2,\"message\":\"liftoff\"\\}$")
                .containsPattern("(?m)^\\d\\d:\\d\\d:\\d\\d  flaky      CRASHED    attempt 1  .*flaked out after 1s")
                .containsPattern("(?m)^\\d\\d:\\d\\d:\\d\\d  flaky      RUNNING    attempt 2  ")
                .containsPattern("(?m)^\\d\\d:\\d\\d:\\d\\d  serial     http       connected to http://127.0.0.1:" + httpPort + "/"));

        pty.write("hello over the wire\n".getBytes(StandardCharsets.UTF_8));
        await().untilAsserted(() -> assertThat(output())
                .containsPattern("(?m)^\\d\\d:\\d\\d:\\d\\d  serial     bytes      hello over the wire$"));

        view.printSummary();
        assertThat(view.board().row("countdown").state()).isEqualTo(WorkerState.COMPLETED);
        assertThat(output()).containsPattern("(?m)^\\d\\d:\\d\\d:\\d\\d  demo       now        countdown COMPLETED · flaky \\w+ \\(attempt \\d+\\) · serial RUNNING$");
        assertThat(host.client().group("demo").workers()).extracting(w -> w.id()).isEqualTo(List.of("countdown", "flaky", "serial"));
    }
}
