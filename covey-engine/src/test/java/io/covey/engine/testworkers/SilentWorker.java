package io.covey.engine.testworkers;

import java.util.concurrent.CountDownLatch;

import io.covey.core.worker.CoveyWorker;

/** Never reports running; waits until stopped or interrupted. */
public final class SilentWorker extends CoveyWorker<Void> {
    private final CountDownLatch stop = new CountDownLatch(1);

    public SilentWorker() {
        super(null);
    }

    @Override
    public void runWorker() throws InterruptedException {
        stop.await();
    }

    @Override
    public void stopWorker() {
        stop.countDown();
    }
}
