package io.covey.engine.testworkers;

import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;

import io.covey.core.worker.CoveyWorker;

/**
 * Runs until stopped, and does what a test asks of its live instance: log a line, or crash as
 * if its process had been killed. Instances are found by their params' {@code name}.
 */
public final class PokeableWorker extends CoveyWorker<PokeableWorker.Params> {
    public record Params(String name, String message) {
    }

    private static final Map<String, PokeableWorker> LIVE = new ConcurrentHashMap<>();
    private static final String STOP = "\u0000stop";
    private static final String CRASH = "\u0000crash";

    private final BlockingQueue<String> commands = new LinkedBlockingQueue<>();

    public PokeableWorker(Params params) {
        super(params);
    }

    /** Makes the running instance named {@code name} crash; false when none runs. */
    public static boolean crash(String name) {
        return send(name, CRASH);
    }

    /** Makes the running instance named {@code name} log a line; false when none runs. */
    public static boolean say(String name, String line) {
        return send(name, line);
    }

    private static boolean send(String name, String command) {
        PokeableWorker worker = LIVE.get(name);
        return worker != null && worker.commands.offer(command);
    }

    @Override
    public void runWorker() throws InterruptedException {
        LIVE.put(params().name(), this);
        try {
            running(params().message());
            log("up as " + params().name());
            for (String command = commands.take(); !STOP.equals(command); command = commands.take()) {
                if (CRASH.equals(command)) {
                    throw new IllegalStateException("killed on request");
                }
                log(command);
            }
        } finally {
            LIVE.remove(params().name(), this);
        }
    }

    @Override
    public void stopWorker() {
        commands.offer(STOP);
    }
}
