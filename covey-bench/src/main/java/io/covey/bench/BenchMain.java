package io.covey.bench;

import java.nio.file.Files;
import java.nio.file.Path;

import io.covey.bench.engine.EngineScenarios;
import io.covey.bench.foreign.ForeignScenarios;
import io.covey.bench.host.HostScenarios;
import io.covey.bench.jmh.JmhScenarios;
import io.covey.bench.peers.PeerInstaller;
import io.covey.bench.report.Results;

/**
 * Runs every scenario and writes {@code results.md}, {@code results.csv} and
 * {@code samples.csv}. A scenario that fails is noted and the others still run: a partial
 * table with its reasons beats none. See docs/BENCHMARKS.md.
 */
public final class BenchMain {
    private BenchMain() {
    }

    public static void main(String[] args) throws Exception {
        BenchConfig config = BenchConfig.parse(args);
        Results results = run(config);
        System.out.println("[bench] results written to " + config.out().toAbsolutePath());
        System.exit(results.rows().isEmpty() ? 1 : 0);
    }

    public static Results run(BenchConfig config) throws Exception {
        Results results = new Results();
        Path work = Files.createDirectories(config.work());
        if (config.withPeers()) {
            PeerInstaller.ensureInstalled(work.resolve("install.log"), results);
            // Not `pm2 --version`: it starts a PM2 daemon in ~/.pm2, which nobody would stop.
            results.note("peers: supervisord " + PeerInstaller.version("supervisord", "--version") + ", PM2 "
                    + PeerInstaller.version("sh", "-c", "npm ls -g pm2 --depth=0 | grep -o 'pm2@[0-9.]*'")
                    + ", node " + PeerInstaller.version("node", "--version"));
        }
        if (config.runs("engine")) {
            step(results, "in-process engine", () -> new EngineScenarios(config, results).run());
        }
        if (config.jmh() && config.runs("jmh")) {
            step(results, "JMH", () -> new JmhScenarios(results).run());
        }
        if (config.runs("foreign")) {
            step(results, "foreign workers and peers", () -> new ForeignScenarios(config, results, work).run());
        }
        if (config.runs("host")) {
            step(results, "host service", () -> new HostScenarios(config, results, work).run());
        }
        results.write(config.out());
        return results;
    }

    private interface Step {
        void run() throws Exception;
    }

    private static void step(Results results, String name, Step step) {
        System.out.println("[bench] --- " + name);
        try {
            step.run();
        } catch (Exception e) {
            e.printStackTrace();
            results.note(name + " failed: " + e);
        }
    }
}
