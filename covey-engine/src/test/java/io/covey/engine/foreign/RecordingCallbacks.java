package io.covey.engine.foreign;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import io.covey.core.worker.StatusCall;
import io.covey.engine.launch.RunCallbacks;
import io.covey.engine.launch.RunExit;
import io.covey.engine.launch.StatusReport;
import tools.jackson.databind.JsonNode;

/** Records what a run reports; keeps the first lines of each stream and counts all of them. */
class RecordingCallbacks implements RunCallbacks {
    private static final int KEPT_LINES = 1_000;

    record Line(String stream, String text) {
    }

    final List<StatusReport> reports = new CopyOnWriteArrayList<>();
    final List<JsonNode> data = new CopyOnWriteArrayList<>();
    final List<Line> lines = new CopyOnWriteArrayList<>();
    final Map<String, AtomicLong> lineCounts = new ConcurrentHashMap<>();
    final Map<String, AtomicLong> charCounts = new ConcurrentHashMap<>();
    final Map<String, AtomicLong> longestLine = new ConcurrentHashMap<>();
    final AtomicInteger exits = new AtomicInteger();
    final CompletableFuture<RunExit> exit = new CompletableFuture<>();

    @Override
    public void reported(StatusReport report) {
        reports.add(report);
    }

    @Override
    public void log(String stream, String line) {
        lineCounts.computeIfAbsent(stream, s -> new AtomicLong()).incrementAndGet();
        charCounts.computeIfAbsent(stream, s -> new AtomicLong()).addAndGet(line.length());
        longestLine.computeIfAbsent(stream, s -> new AtomicLong()).accumulateAndGet(line.length(), Math::max);
        if (lines.size() < KEPT_LINES) {
            lines.add(new Line(stream, line));
        }
    }

    @Override
    public void data(JsonNode value) {
        data.add(value);
    }

    @Override
    public void exited(RunExit runExit) {
        exits.incrementAndGet();
        exit.complete(runExit);
    }

    List<StatusCall> statuses() {
        return reports.stream().map(StatusReport::status).toList();
    }

    boolean reported(StatusCall status) {
        return statuses().contains(status);
    }

    long lineCount(String stream) {
        AtomicLong count = lineCounts.get(stream);
        return count == null ? 0 : count.get();
    }

    long charCount(String stream) {
        AtomicLong count = charCounts.get(stream);
        return count == null ? 0 : count.get();
    }

    List<String> lines(String stream) {
        List<String> texts = new ArrayList<>();
        lines.stream().filter(line -> line.stream().equals(stream)).forEach(line -> texts.add(line.text()));
        return texts;
    }

    RunExit awaitExit(Duration timeout) throws Exception {
        return exit.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }
}
