package io.covey.engine.testworkers;

import java.util.concurrent.CountDownLatch;

import io.covey.core.worker.CoveyWorker;

/** A long-running worker: up until asked to stop. */
public final class ServiceWorker extends CoveyWorker<ServiceWorker.Params> {
    public record Params(String name) {
    }

    private final CountDownLatch stop = new CountDownLatch(1);

    public ServiceWorker(Params params) {
        super(params);
    }

    @Override
    public void runWorker() throws InterruptedException {
        starting("opening " + params().name());
        running("serving " + params().name());
        log("hello from " + params().name());
        publish(java.util.Map.of("name", params().name()));
        stop.await();
    }

    @Override
    public void stopWorker() {
        stop.countDown();
    }
}
