package io.covey.engine.testworkers;

import java.util.concurrent.CountDownLatch;

import io.covey.core.worker.CoveyWorker;

/** Says which instance it is, and runs until stopped. */
public final class InstanceWorker extends CoveyWorker<InstanceWorker.Params> {
    public record Params(String name) {
    }

    private final CountDownLatch stop = new CountDownLatch(1);

    public InstanceWorker(Params params) {
        super(params);
    }

    @Override
    public void runWorker() throws InterruptedException {
        running("instance " + instance());
        stop.await();
    }

    @Override
    public void stopWorker() {
        stop.countDown();
    }
}
