package io.covey.worker.autoconfigure.testworkers.good;

import io.covey.core.worker.CoveyWorker;
import io.covey.core.worker.CoveyWorkerType;

/** Named explicitly. */
@CoveyWorkerType("ticker")
public class TickWorker extends CoveyWorker<Void> {
    public TickWorker() {
        super(null);
    }

    @Override
    public void runWorker() {
        running();
    }
}
