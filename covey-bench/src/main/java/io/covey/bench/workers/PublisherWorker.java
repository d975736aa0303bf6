package io.covey.bench.workers;

import java.util.Map;

import io.covey.core.worker.CoveyWorker;
import io.covey.core.worker.CoveyWorkerType;

/**
 * Publishes {@code count} data events as fast as it can, each stamped with
 * {@code System.nanoTime()} (CLOCK_MONOTONIC on Linux: comparable between processes of one
 * machine), so subscribers can measure publish-to-receive latency.
 */
@CoveyWorkerType("PublisherWorker")
public final class PublisherWorker extends CoveyWorker<PublisherWorker.Params> {
    public record Params(int count, String run) {
    }

    public PublisherWorker(Params params) {
        super(params);
    }

    @Override
    public void runWorker() {
        running(null);
        for (int i = 0; i < params().count(); i++) {
            publish(Map.of("t", System.nanoTime(), "i", i));
        }
        completed(Map.of("published", params().count()));
    }
}
