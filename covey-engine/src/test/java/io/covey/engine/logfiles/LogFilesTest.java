package io.covey.engine.logfiles;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.covey.core.api.LogLine;

/** Log files on a real directory: rotation that loses and splits nothing, restarts, the size cap, and close. */
class LogFilesTest {
    private static final Instant T = Instant.parse("2026-12-07T12:00:00Z");

    @TempDir
    Path dir;

    private static LogLine line(int attempt, String text) {
        return new LogLine(T, attempt, "stdout", text);
    }

    /** Every line of every file of a worker, oldest file first. */
    private List<String> allLines(String group, String worker, int retention) throws IOException {
        List<String> lines = new ArrayList<>();
        Path current = dir.resolve(group).resolve(worker + ".log");
        for (int n = retention; n >= 0; n--) {
            Path file = WorkerLogFile.rotated(current, n);
            if (Files.exists(file)) {
                String text = Files.readString(file, StandardCharsets.UTF_8);
                assertThat(text).as("%s ends with a whole line", file).endsWith("\n");
                lines.addAll(text.lines().toList());
            }
        }
        return lines;
    }

    @Test
    void rotationUnderFourFastWritersLosesAndSplitsNoLine() throws Exception {
        int perWriter = 20_000;
        LogFiles files = new LogFiles(LogFileSettings.in(dir).withMaxFileBytes(64 * 1024).withRetention(1000)
                .withQueueCapacity(4 * perWriter));
        List<Thread> writers = new ArrayList<>();
        for (int w = 0; w < 4; w++) {
            int writer = w;
            Thread thread = new Thread(() -> {
                for (int i = 0; i < perWriter; i++) {
                    files.line("g", "fast", line(1, "writer " + writer + " line " + i + " " + "x".repeat(i % 97)));
                }
            });
            thread.start();
            writers.add(thread);
        }
        for (Thread writer : writers) {
            writer.join();
        }
        files.close();

        List<String> lines = allLines("g", "fast", 1000);
        assertThat(files.dropped()).isZero();
        assertThat(lines).hasSize(4 * perWriter);
        assertThat(lines).allSatisfy(text -> assertThat(LogFileLine.parse(text)).isNotNull());
        for (int w = 0; w < 4; w++) {
            String prefix = "writer " + w + " line ";
            List<Integer> numbers = lines.stream().map(LogFileLine::parse).map(LogLine::line).filter(t -> t.startsWith(prefix))
                    .map(t -> Integer.parseInt(t.substring(prefix.length()).split(" ")[0])).toList();
            assertThat(numbers).as("writer %d, in order and whole", w).hasSize(perWriter).isSorted();
        }
        try (Stream<Path> rotated = Files.list(dir.resolve("g"))) {
            List<Path> all = rotated.toList();
            assertThat(all.size()).isGreaterThan(20);
            assertThat(all).allSatisfy(file -> assertThat(Files.size(file)).isLessThanOrEqualTo(64 * 1024));
        }
    }

    @Test
    void filesSurviveARestartAndTailReadsAcrossTheRotationWithTheAttemptMarkers() throws Exception {
        LogFileSettings settings = LogFileSettings.in(dir).withMaxFileBytes(2048).withRetention(3);
        LogFiles before = new LogFiles(settings);
        before.attemptStarted("g", "w", 1, T);
        for (int i = 1; i <= 100; i++) {
            before.line("g", "w", line(1, "first run " + i));
        }
        before.close();

        LogFiles after = new LogFiles(settings);
        after.attemptStarted("g", "w", 2, T);
        after.line("g", "w", new LogLine(T, 2, "worker", "two\nlines and a \\ backslash"));
        after.close();

        List<LogLine> tail = after.tail("g", "w", 12);
        assertThat(tail).hasSize(12);
        assertThat(tail.get(0).line()).isEqualTo("first run 91");
        assertThat(tail.subList(9, 12)).containsExactly(line(1, "first run 100"),
                new LogLine(T, 2, "covey", "--- attempt 2 started ---"),
                new LogLine(T, 2, "worker", "two\nlines and a \\ backslash"));
        assertThat(Files.exists(dir.resolve("g").resolve("w.log.1"))).isTrue();
        assertThat(Files.exists(dir.resolve("g").resolve("w.log.4"))).isFalse();
        assertThat(after.tail("g", "nobody", 10)).isEmpty();
    }

    @Test
    void aDirectoryAtItsCapDropsAndCountsLinesAndNeverHoldsUpTheWriters() throws Exception {
        LogFiles files = new LogFiles(LogFileSettings.in(dir).withMaxTotalBytes(16 * 1024).withQueueCapacity(1000));
        long started = System.nanoTime();
        for (int i = 0; i < 50_000; i++) {
            files.line("g", "full", line(1, "line " + i + " " + "y".repeat(50)));
        }
        Duration offering = Duration.ofNanos(System.nanoTime() - started);
        files.close();

        assertThat(offering).as("50,000 offers").isLessThan(Duration.ofSeconds(2));
        assertThat(files.dropped()).isGreaterThan(40_000);
        assertThat(Files.size(dir.resolve("g").resolve("full.log"))).isLessThanOrEqualTo(16 * 1024);
        assertThat(allLines("g", "full", 5)).allSatisfy(text -> assertThat(LogFileLine.parse(text)).isNotNull());
    }

    @Test
    void droppedLinesAreNamedInTheFileOnceItCanBeWrittenAgain() throws Exception {
        LogFiles files = new LogFiles(LogFileSettings.in(dir).withQueueCapacity(1));
        for (int i = 0; i < 10_000; i++) {
            files.line("g", "w", line(1, "burst " + i));
        }
        assertThat(files.dropped()).isPositive();
        await().atMost(Duration.ofSeconds(5)).until(() -> files.queued() == 0);
        files.line("g", "w", line(1, "after the burst"));
        files.close();

        List<LogLine> lines = files.tail("g", "w", 20_000);
        assertThat(lines.get(lines.size() - 1).line()).isEqualTo("after the burst");
        List<LogLine> notes = lines.stream().filter(l -> l.stream().equals("covey")).toList();
        assertThat(notes).isNotEmpty().allSatisfy(note -> assertThat(note.line())
                .matches("\\d+ lines? (was|were) dropped before this point .*"));
        long noted = notes.stream().mapToLong(note -> Long.parseLong(note.line().split(" ")[0])).sum();
        long written = lines.stream().filter(l -> l.line().startsWith("burst ")).count();
        assertThat(noted + written).isEqualTo(10_000);
        assertThat(noted).isEqualTo(files.dropped());
    }

    @Test
    void closeWritesEveryQueuedLineFirst() throws Exception {
        LogFiles files = new LogFiles(LogFileSettings.in(dir).withQueueCapacity(100_000));
        for (int i = 0; i < 30_000; i++) {
            files.line("g", "last", line(1, "line " + i));
        }
        files.close();

        assertThat(files.dropped()).isZero();
        List<String> lines = allLines("g", "last", 5);
        assertThat(lines).hasSize(30_000);
        assertThat(lines.get(lines.size() - 1)).endsWith("line 29999");
    }
}
