package io.covey.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** Tokens, an unreachable host, a host that never answers: exit codes and one-line errors. */
@ExtendWith(CliHost.class)
class CliErrorsIT {
    @TempDir
    Path dir;

    @Test
    void aWrongOrMissingTokenExits4() {
        Cli.Result wrong = Cli.forTestHost().env("COVEY_API_TOKEN", "not-the-token").run("ls");
        assertThat(wrong.exitCode()).as(wrong.toString()).isEqualTo(ExitCodes.UNAUTHORIZED);
        assertThat(wrong.err()).startsWith("covey: Unauthorized: ").contains("COVEY_API_TOKEN").hasLineCount(1);

        Cli.Result missing = Cli.forTestHost().without("COVEY_API_TOKEN").run("status", "anything");
        assertThat(missing.exitCode()).isEqualTo(ExitCodes.UNAUTHORIZED);
    }

    @Test
    void theTokenAndHostMayComeFromTheConfigFile() throws IOException {
        Path config = Files.writeString(dir.resolve("config"), "host=" + CliHost.url() + "\ntoken=" + CliHost.TOKEN + "\n");
        Files.setPosixFilePermissions(config, PosixFilePermissions.fromString("rw-------"));

        Cli.Result ok = Cli.bare().env("COVEY_CONFIG", config.toString()).run("manifest");
        assertThat(ok.exitCode()).as(ok.toString()).isZero();
        assertThat(ok.err()).isEmpty();

        Files.setPosixFilePermissions(config, PosixFilePermissions.fromString("rw-r--r--"));
        Cli.Result warned = Cli.bare().env("COVEY_CONFIG", config.toString()).run("manifest");
        assertThat(warned.exitCode()).isZero();
        assertThat(warned.err()).contains("can be read by other users: chmod 600");
    }

    @Test
    void anUnreachableHostExits5() throws IOException {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closedPort = socket.getLocalPort();
        }
        Cli.Result refused = Cli.bare().run("ls", "--host", "http://127.0.0.1:" + closedPort, "--timeout", "2s");
        assertThat(refused.exitCode()).as(refused.toString()).isEqualTo(ExitCodes.UNREACHABLE);
        assertThat(refused.err()).startsWith("covey: cannot reach the Covey host at http://127.0.0.1:" + closedPort).hasLineCount(1);
    }

    @Test
    void aHostThatNeverAnswersExits5WithinTheTimeout() throws IOException {
        // Accepts connections and reads the requests, but never answers.
        try (ServerSocket silent = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            List<Socket> held = new CopyOnWriteArrayList<>();
            Thread acceptor = new Thread(() -> {
                try {
                    while (true) {
                        Socket socket = silent.accept();
                        held.add(socket);
                        InputStream in = socket.getInputStream();
                        Thread reader = new Thread(() -> drain(in));
                        reader.setDaemon(true);
                        reader.start();
                    }
                } catch (IOException closed) {
                    // the test is over
                }
            });
            acceptor.setDaemon(true);
            acceptor.start();

            Cli.Result result = Cli.bare().run("ls", "--host", "http://127.0.0.1:" + silent.getLocalPort(), "--timeout", "1500ms");

            assertThat(result.exitCode()).as(result.toString()).isEqualTo(ExitCodes.UNREACHABLE);
            assertThat(result.err()).startsWith("covey: cannot reach the Covey host").hasLineCount(1);
            // The timeout, plus the start-up of a JVM on a busy machine.
            assertThat(result.took()).isBetween(Duration.ofMillis(1500), Duration.ofSeconds(8));
            for (Socket socket : held) {
                socket.close();
            }
        }
    }

    private static void drain(InputStream in) {
        try {
            in.transferTo(java.io.OutputStream.nullOutputStream());
        } catch (IOException closed) {
            // gone
        }
    }
}
