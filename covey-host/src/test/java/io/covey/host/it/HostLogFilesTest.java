package io.covey.host.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

import tools.jackson.databind.JsonNode;

/**
 * covey.host.log-dir on a real host with real child JVMs: a fast writer's every line in the rotated
 * files, the files and logs?tail= across a host restart, and a capped directory that drops lines
 * (and says so) without holding the child up.
 */
class HostLogFilesTest {
    @TempDir
    Path stateDir;
    @TempDir
    Path logDir;

    private ConfigurableApplicationContext startHost(String... more) {
        List<String> arguments = new ArrayList<>(List.of("--server.port=0", "--covey.host.state-dir=" + stateDir,
                "--covey.host.log-dir=" + logDir, "--covey.worker.warm-pool.size=0", "--spring.main.banner-mode=off"));
        arguments.addAll(List.of(more));
        return SpringApplication.run(TestHostConfiguration.class, arguments.toArray(String[]::new));
    }

    private static HttpJson api(ConfigurableApplicationContext host) {
        return new HttpJson(((WebServerApplicationContext) host).getWebServer().getPort(), null);
    }

    private static void awaitState(HttpJson api, String id, String state) {
        await().atMost(Duration.ofSeconds(60)).until(() -> state.equals(api.get("/api/v1/workers/" + id).json().get("state").asString()));
    }

    /** The worker's own lines ("line N") in all its files, oldest first. */
    private List<Integer> numbersInFiles(String group, String worker) throws IOException {
        List<Path> files = new ArrayList<>();
        try (Stream<Path> list = Files.list(logDir.resolve(group))) {
            list.filter(p -> p.getFileName().toString().startsWith(worker + ".log")).forEach(files::add);
        }
        files.sort((a, b) -> Integer.compare(rotation(b), rotation(a)));
        List<Integer> numbers = new ArrayList<>();
        Pattern line = Pattern.compile(" #1 worker line (\\d+)$");
        for (Path file : files) {
            for (String text : Files.readAllLines(file)) {
                Matcher matcher = line.matcher(text);
                if (matcher.find()) {
                    numbers.add(Integer.parseInt(matcher.group(1)));
                }
            }
        }
        return numbers;
    }

    private static int rotation(Path file) {
        String name = file.getFileName().toString();
        return name.endsWith(".log") ? 0 : Integer.parseInt(name.substring(name.lastIndexOf('.') + 1));
    }

    @Test
    void everyLineOfAFastChildIsInTheRotatedFilesAndTailReadsThemAfterARestart() throws Exception {
        try (ConfigurableApplicationContext host = startHost("--covey.host.log-files.max-file-size=4KB",
                "--covey.host.log-files.retention=100")) {
            HttpJson api = api(host);
            api.put("/api/v1/groups/chatty", "{\"workers\":[{\"type\":\"ChattyJob\",\"id\":\"talker\",\"params\":{\"lines\":3000}}]}");
            awaitState(api, "talker", "COMPLETED");
        }

        List<Integer> numbers = numbersInFiles("chatty", "talker");
        assertThat(numbers).as("every line once, in order, none split").hasSize(3000).isSorted();
        assertThat(numbers.get(2999)).isEqualTo(3000);
        try (Stream<Path> files = Files.list(logDir.resolve("chatty"))) {
            assertThat(files.count()).isGreaterThan(20);
        }
        assertThat(Files.readString(logDir.resolve("chatty").resolve("talker.log"))).endsWith("\n");

        try (ConfigurableApplicationContext host = startHost("--covey.host.log-files.max-file-size=4KB",
                "--covey.host.log-files.retention=100")) {
            HttpJson api = api(host);
            JsonNode restored = api.get("/api/v1/workers/talker").json();
            assertThat(restored.get("state").asString()).isEqualTo("COMPLETED");
            assertThat(restored.get("attempt").asInt()).isZero(); // not run again: the lines come from the files

            JsonNode tail = api.get("/api/v1/workers/talker/logs?tail=1500").json();

            List<String> texts = new ArrayList<>();
            tail.forEach(line -> texts.add(line.get("line").asString()));
            List<String> own = texts.stream().filter(text -> text.startsWith("line ")).toList();
            assertThat(own).hasSizeGreaterThan(1400);
            assertThat(own.get(own.size() - 1)).isEqualTo("line 3000");
            int first = Integer.parseInt(own.get(0).substring(5));
            for (int i = 0; i < own.size(); i++) {
                assertThat(own.get(i)).isEqualTo("line " + (first + i));
            }
            assertThat(tail.get(0).get("attempt").asInt()).isEqualTo(1);
        }
    }

    @Test
    void aDirectoryAtItsCapDropsLinesCountsThemAndNeverHoldsUpTheChild() throws Exception {
        try (ConfigurableApplicationContext host = startHost("--covey.host.log-files.max-total-size=64KB")) {
            HttpJson api = api(host);
            long started = System.nanoTime();
            api.put("/api/v1/groups/full", "{\"workers\":[{\"type\":\"ChattyJob\",\"id\":\"flood\",\"params\":{\"lines\":50000}}]}");
            awaitState(api, "flood", "COMPLETED");
            assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(45));

            await().atMost(Duration.ofSeconds(10)).until(() -> dropped(api) > 0);
            assertThat(api.get("/api/v1/workers/flood").json().get("result").asInt()).isEqualTo(50000);
        }
        long total;
        try (Stream<Path> files = Files.walk(logDir)) {
            total = files.filter(Files::isRegularFile).mapToLong(p -> p.toFile().length()).sum();
        }
        assertThat(total).isLessThanOrEqualTo(64 * 1024);
        assertThat(numbersInFiles("full", "flood")).isSorted().hasSizeLessThan(50000);
    }

    private static double dropped(HttpJson api) {
        Matcher matcher = Pattern.compile("^covey_logs_dropped_total (\\S+)$", Pattern.MULTILINE)
                .matcher(api.get("/actuator/prometheus").body());
        return matcher.find() ? Double.parseDouble(matcher.group(1)) : -1;
    }
}
