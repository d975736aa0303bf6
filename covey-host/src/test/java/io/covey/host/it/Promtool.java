package io.covey.host.it;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Assumptions;

/**
 * Prometheus's own {@code promtool check metrics} (Debian package prometheus), which parses an
 * exposition the way the Prometheus server does and lints it. Absent: skipped on a developer's
 * machine, a failure under CI (env CI=true), where .ci/run installs it.
 */
public final class Promtool {
    private static final Path PROMTOOL = Path.of(System.getProperty("covey.test.promtool", "/usr/bin/promtool"));

    /** What promtool said and its exit code: 0 clean, 3 lint findings only, anything else a parse error. */
    public record Verdict(int exitCode, String output) {
    }

    private Promtool() {
    }

    public static Verdict checkMetrics(String exposition) throws IOException, InterruptedException {
        boolean present = Files.isExecutable(PROMTOOL);
        Assumptions.assumeTrue(present || "true".equalsIgnoreCase(System.getenv("CI")),
                () -> "no " + PROMTOOL + ": install Debian's prometheus package to check the scrape with promtool");
        if (!present) {
            throw new IllegalStateException("CI=true but " + PROMTOOL + " is missing: .ci/run installs it (.ci/system-packages)");
        }
        Process process = new ProcessBuilder(PROMTOOL.toString(), "check", "metrics").redirectErrorStream(true).start();
        try (OutputStream in = process.getOutputStream()) {
            in.write(exposition.getBytes(StandardCharsets.UTF_8));
        }
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new IllegalStateException("promtool did not finish");
        }
        return new Verdict(process.exitValue(), output);
    }
}
