package io.covey.host.it.packaged.workers;

import io.covey.core.worker.CoveyWorker;
import io.covey.core.worker.CoveyWorkerType;

/** A worker from a worker jar that throws as soon as it runs. */
@CoveyWorkerType("Broken")
public final class BrokenWorker extends CoveyWorker<Void> {
    public BrokenWorker() {
        super(null);
    }

    @Override
    public void runWorker() {
        running();
        throw new IllegalStateException("broken on purpose");
    }
}
