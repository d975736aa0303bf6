package io.covey.engine.foreign.workers;

import io.covey.core.worker.CoveyWorker;

/** Publishes a string of {@code megabytes} MiB: far over the control channel's limit. */
public class BigMessageWorker extends CoveyWorker<BigMessageWorker.Params> {
    public record Params(int megabytes) {
    }

    public BigMessageWorker(Params params) {
        super(params);
    }

    @Override
    public void runWorker() {
        running("about to publish " + params().megabytes() + " MiB");
        publish("x".repeat(params().megabytes() * 1024 * 1024));
        completed("should not get here");
    }
}
