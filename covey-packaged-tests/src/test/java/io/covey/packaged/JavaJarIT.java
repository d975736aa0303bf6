package io.covey.packaged;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.covey.client.CoveyClient;
import io.covey.core.api.GroupDiff;
import io.covey.core.api.WorkerStatus;
import io.covey.core.json.CoveyJson;
import io.covey.core.lifecycle.WorkerState;
import io.covey.core.spec.WorkerSpec;
import io.covey.demo.workers.CountdownJob;
import io.covey.demo.workers.FlakyWorker;
import tools.jackson.databind.JsonNode;

/**
 * What a newcomer runs: {@code java -jar covey-host-*-exec.jar --covey.host.worker-path=DIR}, DIR
 * holding the demo workers jar (and jSerialComm), no other flag, no extract step.
 */
class JavaJarIT {
    @TempDir
    Path temp;

    @Test
    void theExecJarRunsTheWorkerPathsTypesAsForeignWorkersOnALeanClassPath() throws Exception {
        Path workers = Artifacts.workerDirectory(temp.resolve("workers"), Artifacts.demoWorkersJar(), Artifacts.jSerialCommJar());
        try (PackagedHost host = PackagedHost.start(workers, temp)) {
            JsonNode manifest = json(host.get("/api/v1/manifest"));
            assertThat(manifest.get("types")).extracting(JsonNode::asString)
                    .containsExactly("CountdownJob", "FlakyWorker", "StreamSerialPortToHttp");
            assertThat(manifest.get("unavailable")).isEmpty();

            CoveyClient covey = host.client();
            GroupDiff diff = covey.runGroup("newcomer", List.of(
                    WorkerSpec.of("CountdownJob", new CountdownJob.Params(3, 50L)),
                    WorkerSpec.of("FlakyWorker", new FlakyWorker.Params(0.0)).withId("steady")));
            String countdown = diff.started().get(0);

            CountdownJob.Result result = covey.result(countdown, CountdownJob.Result.class).get(90, TimeUnit.SECONDS);
            assertThat(result).isEqualTo(new CountdownJob.Result(3, "liftoff"));
            WorkerStatus done = covey.worker(countdown);
            assertThat(done.state()).isEqualTo(WorkerState.COMPLETED);
            assertThat(done.foreign()).isTrue();

            await().atMost(Duration.ofSeconds(60)).until(() -> covey.worker("steady").state() == WorkerState.RUNNING);
            assertThat(covey.worker("steady").pid()).as("a child JVM of its own").isNotNull().isNotEqualTo(host.pid());
            List<String> classPath = childClassPath(covey.worker("steady").pid());
            assertThat(classPath).as("the child's class path").hasSizeLessThanOrEqualTo(12)
                    .noneMatch(entry -> entry.contains("spring") || entry.contains("tomcat"))
                    .anyMatch(entry -> entry.endsWith(Artifacts.demoWorkersJar().getFileName().toString()))
                    .anyMatch(entry -> entry.contains("covey-child"));
            assertThat(classPath).allSatisfy(entry -> assertThat(Path.of(entry)).as("a plain file").isRegularFile());

            assertThat(host.stopAndListSurvivors()).as("processes left after the host stopped").isEmpty();
        }
    }

    @Test
    void aTypeWhoseDependencyIsMissingIsUnavailableAndTheOthersWork() throws Exception {
        Path workers = Artifacts.workerDirectory(temp.resolve("workers"), Artifacts.demoWorkersJar());
        try (PackagedHost host = PackagedHost.start(workers, temp)) {
            JsonNode manifest = json(host.get("/api/v1/manifest"));
            assertThat(manifest.get("types")).extracting(JsonNode::asString).containsExactly("CountdownJob", "FlakyWorker");
            assertThat(manifest.get("unavailable")).singleElement().satisfies(type -> {
                assertThat(type.get("type").asString()).isEqualTo("StreamSerialPortToHttp");
                assertThat(type.get("class").asString()).isEqualTo("io.covey.demo.workers.StreamSerialPortToHttp");
                assertThat(type.get("reason").asString()).contains("com.fazecast.jSerialComm.");
            });

            HttpResponse<String> refused = host.put("/api/v1/groups/serial", """
                    {"workers":[{"type":"StreamSerialPortToHttp","params":{"serialport":"/dev/ttyUSB0","baudrate":9600,"port":7770}}]}""");
            assertThat(refused.statusCode()).isEqualTo(400);
            assertThat(refused.headers().firstValue("Content-Type")).hasValueSatisfying(type -> assertThat(type).contains("problem+json"));
            assertThat(json(refused).get("detail").asString())
                    .contains("'StreamSerialPortToHttp' is unavailable", "com.fazecast.jSerialComm.");

            CoveyClient covey = host.client();
            String countdown = covey.runGroup("jobs", List.of(WorkerSpec.of("CountdownJob", new CountdownJob.Params(2, 50L))))
                    .started().get(0);
            assertThat(covey.result(countdown, CountdownJob.Result.class).get(90, TimeUnit.SECONDS))
                    .isEqualTo(new CountdownJob.Result(2, "liftoff"));
            assertThat(countOccurrences(host.log(), "worker type 'StreamSerialPortToHttp' is unavailable")).as("logged once").isEqualTo(1);
        }
    }

    private static JsonNode json(HttpResponse<String> response) {
        return CoveyJson.mapper().readTree(response.body());
    }

    private static List<String> childClassPath(long pid) throws Exception {
        String[] arguments = new String(Files.readAllBytes(Path.of("/proc", Long.toString(pid), "cmdline")), StandardCharsets.UTF_8)
                .split("\0");
        int cp = Arrays.asList(arguments).indexOf("-cp");
        assertThat(cp).as("-cp in " + Arrays.toString(arguments)).isNotNegative();
        return List.of(arguments[cp + 1].split(java.io.File.pathSeparator));
    }

    private static int countOccurrences(String text, String part) {
        int count = 0;
        for (int at = text.indexOf(part); at >= 0; at = text.indexOf(part, at + 1)) {
            count++;
        }
        return count;
    }
}
