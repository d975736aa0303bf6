package io.covey.bench;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/**
 * The sizes of one run. The defaults are the workload; {@link #smoke} is the same code
 * with tiny sizes, which the test suite runs so the harness cannot rot.
 *
 * @param inProcessWorkers   workers in the in-process runGroup scenarios
 * @param inProcessRounds    fresh managers brought up (each a sample)
 * @param diffRounds         repeated declarations per diff scenario
 * @param singleRounds       single-spawn samples, for the floor and for Covey each
 * @param groupRounds        rounds of the N-together workload (floor, Covey, every peer)
 * @param groupSize          N, the processes started together
 * @param withPeers          whether supervisord and PM2 are measured (installed first when missing)
 * @param hostWorkers        in-process workers for the host's memory figure
 * @param wsSubscribers      WebSocket subscribers in the fan-out scenario
 * @param wsEvents           events the host publishes in the fan-out scenario
 * @param rssReadings        RSS readings (a second apart, after a 5 s settle when more than one) per memory figure
 * @param jmh                whether the JMH benchmarks run
 * @param only               the steps to run (engine, jmh, foreign, host), or empty for all
 * @param out                where the results are written
 * @param work               where logs, configs and archives of the run go (not results)
 */
public record BenchConfig(int inProcessWorkers, int inProcessRounds, int diffRounds, int singleRounds, int groupRounds,
                          int groupSize, boolean withPeers, int hostWorkers, int wsSubscribers, int wsEvents, int rssReadings, boolean jmh,
                          java.util.Set<String> only, Path out, Path work) {

    public static BenchConfig full(Path out) {
        return new BenchConfig(10_000, 5, 15, 11, 5, 20, false, 1_000, 10, 200_000, 5, true, java.util.Set.of(), out, Path.of("covey-bench/target/bench-work"));
    }

    public static BenchConfig smoke(Path out) {
        return new BenchConfig(200, 1, 3, 1, 1, 2, false, 20, 2, 500, 1, false, java.util.Set.of(), out, out.resolve("work"));
    }

    /** {@code --with-peers --smoke --out=DIR --no-jmh --only=engine,jmh,foreign,host --work=DIR --key=value} (keys as the record's components). */
    public static BenchConfig parse(String[] args) {
        Map<String, String> values = new HashMap<>();
        for (String arg : args) {
            String[] kv = arg.replaceFirst("^--", "").split("=", 2);
            values.put(kv[0], kv.length > 1 ? kv[1] : "true");
        }
        Path out = Path.of(values.getOrDefault("out", "covey-bench/target/bench-results"));
        BenchConfig base = values.containsKey("smoke") ? smoke(out) : full(out);
        return new BenchConfig(
                integer(values, "inProcessWorkers", base.inProcessWorkers),
                integer(values, "inProcessRounds", base.inProcessRounds),
                integer(values, "diffRounds", base.diffRounds),
                integer(values, "singleRounds", base.singleRounds),
                integer(values, "groupRounds", base.groupRounds),
                integer(values, "groupSize", base.groupSize),
                values.containsKey("with-peers") || base.withPeers,
                integer(values, "hostWorkers", base.hostWorkers),
                integer(values, "wsSubscribers", base.wsSubscribers),
                integer(values, "wsEvents", base.wsEvents),
                integer(values, "rssReadings", base.rssReadings),
                base.jmh && !values.containsKey("no-jmh"),
                values.containsKey("only") ? java.util.Set.of(values.get("only").split(",")) : java.util.Set.of(),
                out, values.containsKey("work") ? Path.of(values.get("work")) : base.work);
    }

    public boolean runs(String step) {
        return only.isEmpty() || only.contains(step);
    }

    private static int integer(Map<String, String> values, String key, int fallback) {
        return values.containsKey(key) ? Integer.parseInt(values.get(key)) : fallback;
    }
}
