package io.covey.packaged;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * {@code ./demo.sh} with its output going to a pipe whose reader goes away: the script's cleanup
 * must not die writing to the closed pipe, and must leave none of the processes it started (host,
 * child JVMs, demo client, socat and its feeder) behind.
 */
class DemoScriptIT {
    private ProcessTree tree;

    @AfterEach
    void killLeftovers() {
        if (tree != null) {
            tree.close();
        }
    }

    private ProcessBuilder demo(String shellCommand) {
        ProcessBuilder builder = new ProcessBuilder("bash", "-c", shellCommand).directory(Artifacts.repository().toFile())
                .redirectErrorStream(true);
        builder.environment().put("COVEY_DEMO_PORT", Integer.toString(Artifacts.freePort()));
        builder.environment().put("COVEY_DEMO_SERIAL_HTTP_PORT", Integer.toString(Artifacts.freePort()));
        builder.environment().put("COVEY_DEMO_NO_BUILD", "1"); // the jars of this build; never a build inside the build
        builder.environment().remove("COVEY_API_TOKEN");
        return builder;
    }

    @Test
    void ctrlCAfterTheReaderOfItsOutputWentAwayStillStopsEverything() throws Exception {
        // As `./demo.sh | tee demo.log` and then Ctrl-C: tee is gone when the script's cleanup writes.
        Process script = demo("exec ./demo.sh").start();
        tree = new ProcessTree(script.toHandle());
        List<String> lines = new CopyOnWriteArrayList<>();
        BufferedReader output = new BufferedReader(new InputStreamReader(script.getInputStream(), StandardCharsets.UTF_8));
        Thread reader = new Thread(() -> {
            try {
                for (String line; (line = output.readLine()) != null; ) {
                    lines.add(line);
                    if (line.contains("host is up")) {
                        return;
                    }
                }
            } catch (IOException e) {
                // closed below
            }
        });
        reader.start();
        reader.join(Duration.ofSeconds(150).toMillis());
        assertThat(lines).as("demo.sh output").anySatisfy(line -> assertThat(line).contains("host is up"));
        // The demo client declares its group: the host runs workers in child JVMs by now.
        await().atMost(Duration.ofSeconds(90)).until(() -> tree.alive().size() >= 5);

        script.getInputStream().close(); // the reader of the pipe goes away
        new ProcessBuilder("kill", "-INT", Long.toString(script.pid())).start().waitFor(); // Ctrl-C

        assertThat(script.waitFor(90, TimeUnit.SECONDS)).as("demo.sh ended").isTrue();
        assertThat(tree.seenCount()).isGreaterThanOrEqualTo(5);
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() ->
                assertThat(tree.alive()).as("processes demo.sh started, still alive").isEmpty());
    }

    @Test
    void aPipeThatClosesAtOnceEndsTheDemoWithNothingLeft() throws Exception {
        // `./demo.sh | head -1`: head leaves after the first line; the script's next write meets a closed pipe.
        Process pipeline = demo("./demo.sh | head -1").start();
        tree = new ProcessTree(pipeline.toHandle());
        String first = new String(pipeline.getInputStream().readAllBytes(), StandardCharsets.UTF_8);

        assertThat(pipeline.waitFor(150, TimeUnit.SECONDS)).as("the pipeline ended").isTrue();
        assertThat(first).startsWith("demo: ");
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() ->
                assertThat(tree.alive()).as("processes demo.sh started, still alive").isEmpty());
    }
}
