package io.covey.bench.workers;

import java.util.Map;
import java.util.concurrent.locks.LockSupport;

import io.covey.core.worker.CoveyWorker;
import io.covey.core.worker.CoveyWorkerType;

/**
 * Publishes {@code count} data events, as fast as it can or paced, each stamped with
 * {@code System.nanoTime()} (CLOCK_MONOTONIC on Linux: comparable between processes of one
 * machine), so subscribers can measure publish-to-receive latency.
 */
@CoveyWorkerType("PublisherWorker")
public final class PublisherWorker extends CoveyWorker<PublisherWorker.Params> {
    /** {@code perSecond} paces the events; 0 publishes as fast as the worker can. */
    public record Params(int count, int perSecond, String run) {
    }

    public PublisherWorker(Params params) {
        super(params);
    }

    @Override
    public void runWorker() {
        running(null);
        long start = System.nanoTime();
        for (int i = 0; i < params().count(); i++) {
            if (params().perSecond() > 0) {
                long due = start + (long) i * 1_000_000_000L / params().perSecond();
                long wait = due - System.nanoTime();
                if (wait > 0) {
                    LockSupport.parkNanos(wait);
                }
            }
            publish(Map.of("t", System.nanoTime(), "i", i));
        }
        completed(Map.of("published", params().count()));
    }
}
