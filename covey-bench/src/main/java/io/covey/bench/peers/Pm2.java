package io.covey.bench.peers;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;

import io.covey.bench.child.BenchChild;
import io.covey.bench.child.Processes;
import io.covey.core.json.CoveyJson;

/**
 * PM2 (npm) with a private {@code PM2_HOME}, its daemon started before the clock. The timed
 * command is {@code pm2 start ecosystem.json}: PM2 has no cheaper way in, so the CLI's own
 * start-up (node loading pm2, a few hundred ms) counts; the harness notes it separately.
 */
public final class Pm2 implements Peer {
    private final Path dir;
    private final Map<String, String> env;
    private Path ecosystem;
    private long daemonPid = -1;

    public Pm2(Path dir) {
        this.dir = dir;
        this.env = Map.of("PM2_HOME", dir.resolve("home").toString());
    }

    public static boolean available() {
        return Shell.onPath("pm2");
    }

    @Override
    public String name() {
        return "PM2";
    }

    @Override
    public void setUp(int port, int count) throws Exception {
        Files.createDirectories(dir);
        List<String> command = Processes.javaCommand(BenchChild.class.getName(), Integer.toString(port));
        List<Map<String, Object>> apps = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            apps.add(Map.of("name", "bench-" + i, "script", command.get(0), "args", command.subList(1, command.size()),
                    "interpreter", "none", "exec_mode", "fork", "autorestart", true, "restart_delay", 0,
                    "max_restarts", 1000, "min_uptime", 0));
        }
        ecosystem = dir.resolve("ecosystem.json");
        Files.writeString(ecosystem, CoveyJson.write(Map.of("apps", apps)));
        Shell.run(env, dir.resolve("pm2.log"), "pm2", "ping");
        daemonPid = Long.parseLong(Files.readString(dir.resolve("home").resolve("pm2.pid")).trim());
    }

    /** How long the pm2 CLI takes to do nearly nothing ({@code pm2 ping}): its share of each start. */
    public double cliOverheadMillis() throws Exception {
        long start = System.nanoTime();
        Shell.run(env, dir.resolve("pm2.log"), "pm2", "ping");
        return (System.nanoTime() - start) / 1e6;
    }

    @Override
    public void startAll() throws Exception {
        Shell.run(env, dir.resolve("pm2.log"), "pm2", "start", ecosystem.toString());
    }

    @Override
    public long managerPid() {
        return daemonPid;
    }

    @Override
    public void stopAll(Collection<Long> childPids) throws Exception {
        Shell.run(env, dir.resolve("pm2.log"), "pm2", "delete", "all");
    }

    @Override
    public void close() throws Exception {
        if (daemonPid < 0) {
            return;
        }
        try {
            Shell.run(env, dir.resolve("pm2.log"), "pm2", "kill");
        } finally {
            Processes.kill9(daemonPid);
        }
    }
}
