package io.covey.engine.testworkers;

import java.util.concurrent.CountDownLatch;

import io.covey.core.worker.CoveyWorker;

/** Ignores stopWorker() and interrupts until the test releases it. */
public final class StubbornWorker extends CoveyWorker<Void> {
    public static volatile CountDownLatch release = new CountDownLatch(1);

    public StubbornWorker() {
        super(null);
    }

    @Override
    public void runWorker() {
        running("not going anywhere");
        CountDownLatch latch = release;
        while (latch.getCount() > 0) {
            try {
                latch.await();
            } catch (InterruptedException ignored) {
                // deliberately deaf to interrupts
            }
        }
    }
}
