package io.covey.bench.jmh;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

import org.openjdk.jmh.results.BenchmarkResult;
import org.openjdk.jmh.results.IterationResult;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.options.Options;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;

import io.covey.bench.report.Results;
import io.covey.bench.report.Row;
import io.covey.bench.report.Stats;

/**
 * Runs the JMH benchmarks (one fork each, short iterations: the machine is shared, so the
 * spread of the iterations is reported rather than hidden) and adds their iterations as samples.
 */
public final class JmhScenarios {
    private final Results results;

    public JmhScenarios(Results results) {
        this.results = results;
    }

    public void run() throws Exception {
        Options options = new OptionsBuilder()
                .include(JournalAppendBenchmark.class.getSimpleName())
                .include(NoopDiffBenchmark.class.getSimpleName())
                .forks(1).warmupIterations(3).warmupTime(TimeValue.seconds(1))
                .measurementIterations(8).measurementTime(TimeValue.seconds(1))
                .build();
        Collection<RunResult> runs = new Runner(options).run();
        for (RunResult run : runs) {
            String benchmark = run.getParams().getBenchmark();
            List<Double> samples = iterations(run);
            if (benchmark.endsWith("JournalAppendBenchmark.append")) {
                String subscribers = run.getParams().getParam("subscribers");
                results.add(new Row("event journal append (JMH, " + subscribers + " subscriber(s))", "events/s", samples, null,
                        Double.NaN, "≥ 1,000,000/s", new Stats(samples).median() >= 1_000_000,
                        "one thread appending; samples are 1 s iterations"));
            } else if (benchmark.endsWith("NoopDiffBenchmark.declareAgain")) {
                results.add(new Row("in-process: the same " + run.getParams().getParam("size")
                        + " declared again (no-op diff, JMH)", "ms", samples, null, Double.NaN, "< 20 ms",
                        new Stats(samples).median() < 20, "average per call within each 1 s iteration"));
            }
        }
    }

    private static List<Double> iterations(RunResult run) {
        List<Double> samples = new ArrayList<>();
        for (BenchmarkResult benchmark : run.getBenchmarkResults()) {
            for (IterationResult iteration : benchmark.getIterationResults()) {
                samples.add(iteration.getPrimaryResult().getScore());
            }
        }
        return samples;
    }
}
