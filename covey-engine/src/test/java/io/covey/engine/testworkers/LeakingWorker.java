package io.covey.engine.testworkers;

import java.util.concurrent.CountDownLatch;

import io.covey.core.worker.CoveyWorker;

/** Starts three threads that never end (until {@link #RELEASE}), and one that ends at once; stops when asked. */
public final class LeakingWorker extends CoveyWorker<Void> {
    public static final CountDownLatch RELEASE = new CountDownLatch(1);

    private final CountDownLatch stop = new CountDownLatch(1);

    public LeakingWorker() {
        super(null);
    }

    @Override
    public void runWorker() throws InterruptedException {
        for (int i = 1; i <= 3; i++) {
            Thread thread = new Thread(() -> {
                try {
                    RELEASE.await();
                } catch (InterruptedException ignored) {
                    // ends
                }
            }, "leaked-" + i);
            thread.setDaemon(true);
            thread.start();
        }
        new Thread(() -> { }, "ends-at-once").start();
        running("leaking");
        stop.await();
    }

    @Override
    public void stopWorker() {
        stop.countDown();
    }
}
