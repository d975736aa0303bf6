package io.covey.bench.workers;

import io.covey.core.worker.CoveyWorker;
import io.covey.core.worker.CoveyWorkerType;

/**
 * The cheapest long-running in-process worker: reports running and returns from
 * {@code runWorker()} (the "service" style), so it holds no thread while it runs.
 */
@CoveyWorkerType("NoopServiceWorker")
public final class NoopServiceWorker extends CoveyWorker<NoopServiceWorker.Params> {
    /** {@code n} only makes each declaration (and so its derived id) distinct; {@code variant} changes a spec. */
    public record Params(int n, int variant) {
    }

    public NoopServiceWorker(Params params) {
        super(params);
    }

    @Override
    public void runWorker() {
        running(null);
    }
}
