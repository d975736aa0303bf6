package io.covey.host.it.packaged.workers;

import java.util.concurrent.CountDownLatch;

import io.covey.core.worker.CoveyWorker;
import io.covey.core.worker.CoveyWorkerType;

/** A worker from a worker jar: runs until stopped. */
@CoveyWorkerType("Greeter")
public final class GreeterWorker extends CoveyWorker<GreeterWorker.Params> {
    public record Params(String greeting, int times) {
    }

    private final CountDownLatch stop = new CountDownLatch(1);

    public GreeterWorker(Params params) {
        super(params);
    }

    @Override
    public void runWorker() throws InterruptedException {
        running(params().greeting());
        stop.await();
        stopped("bye");
    }

    @Override
    public void stopWorker() {
        stop.countDown();
    }
}
