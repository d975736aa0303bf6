package io.covey.engine.testworkers;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;

import io.covey.core.worker.CoveyWorker;

/**
 * Reports running only once a test opens its gate (by the params' name), then runs until
 * stopped: lets a test hold a dependency in STARTING as long as it likes. In-process only.
 */
public final class GatedWorker extends CoveyWorker<GatedWorker.Params> {
    public record Params(String gate) {
    }

    private static final Map<String, CountDownLatch> GATES = new ConcurrentHashMap<>();
    private final CountDownLatch stop = new CountDownLatch(1);

    public GatedWorker(Params params) {
        super(params);
    }

    public static void open(String gate) {
        latch(gate).countDown();
    }

    private static CountDownLatch latch(String gate) {
        return GATES.computeIfAbsent(gate, g -> new CountDownLatch(1));
    }

    @Override
    public void runWorker() throws InterruptedException {
        starting("waiting for gate " + params().gate());
        latch(params().gate()).await();
        running("through gate " + params().gate());
        stop.await();
    }

    @Override
    public void stopWorker() {
        stop.countDown();
    }
}
