package io.covey.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.covey.bench.jmh.JournalAppendBenchmark;
import io.covey.bench.jmh.NoopDiffBenchmark;
import io.covey.bench.report.Results;
import io.covey.bench.report.Row;

/**
 * The whole harness with tiny sizes (no peers, no JMH fork), so it cannot rot between the runs
 * that produce docs/BENCHMARKS.md. It checks that every scenario produced figures, not what
 * they are: targets are for the real run on a known machine.
 */
class BenchSmokeTest {
    @Test
    void everyScenarioProducesFiguresAndTheResultFiles(@TempDir Path out) throws Exception {
        Results results = BenchMain.run(BenchConfig.smoke(out));

        List<String> scenarios = results.rows().stream().map(Row::scenario).toList();
        assertThat(scenarios).anyMatch(s -> s.startsWith("in-process: runGroup of 200"))
                .anyMatch(s -> s.startsWith("in-process: the same 200 declared again (no-op diff)"))
                .anyMatch(s -> s.startsWith("in-process: 200 declared with 1 % changed"))
                .anyMatch(s -> s.startsWith("floor: bare child JVM"))
                .anyMatch(s -> s.startsWith("foreign: one worker, runGroup to RUNNING"))
                .anyMatch(s -> s.startsWith("foreign: 2 workers together, until all RUNNING"))
                .anyMatch(s -> s.startsWith("foreign: kill -9 of a child"))
                .anyMatch(s -> s.startsWith("foreign, warm pool of 2: one no-op worker, runGroup to RUNNING"))
                .anyMatch(s -> s.startsWith("foreign, warm pool of 2: kill -9"))
                .anyMatch(s -> s.startsWith("foreign, warm pool of 2: 2 no-op workers together"))
                .anyMatch(s -> s.startsWith("foreign, no pool: one no-op worker"))
                .anyMatch(s -> s.startsWith("memory: host idle"))
                .anyMatch(s -> s.startsWith("memory: a no-op foreign child"))
                .anyMatch(s -> s.startsWith("WebSocket fan-out, as fast as it can: events/s"));
        assertThat(results.rows()).allMatch(row -> row.samples().stream().allMatch(v -> v > 0 && !v.isNaN()));
        assertThat(Files.readString(out.resolve("results.md"))).contains("| scenario | median |", "Load average");
        assertThat(Files.readAllLines(out.resolve("samples.csv")).size()).isGreaterThan(results.rows().size());
        assertThat(Files.readString(out.resolve("results.csv"))).startsWith("scenario,unit,median");
    }

    @Test
    void theJmhBenchmarksRunOnce() throws Exception {
        JournalAppendBenchmark append = new JournalAppendBenchmark();
        append.subscribers = 1;
        append.setUp();
        assertThat(append.append()).isNotNull();
        append.tearDown();

        NoopDiffBenchmark diff = new NoopDiffBenchmark();
        diff.size = 50;
        diff.setUp();
        diff.freshDeclaration();
        assertThat(diff.declareAgain().unchanged()).hasSize(50);
        diff.tearDown();
    }
}
