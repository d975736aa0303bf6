package io.covey.engine.foreign.workers;

import java.util.concurrent.CountDownLatch;

import io.covey.core.worker.CoveyWorker;

/** Runs until asked to stop, then reports stopped. */
public class SleeperWorker extends CoveyWorker<Void> {
    private final CountDownLatch stop = new CountDownLatch(1);

    public SleeperWorker() {
        super(null);
    }

    @Override
    public void runWorker() {
        running("sleeping");
        try {
            stop.await();
        } catch (InterruptedException e) {
            // The runtime interrupts right after stopWorker() returns, which may beat the latch.
        }
        stopped("woken up");
    }

    @Override
    public void stopWorker() {
        stop.countDown();
    }
}
