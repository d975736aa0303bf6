package io.covey.worker.autoconfigure.testworkers.good;

import io.covey.core.worker.CoveyWorker;

/** Not annotated, so the scan leaves it out. */
public class UnannotatedWorker extends CoveyWorker<Void> {
    public UnannotatedWorker() {
        super(null);
    }

    @Override
    public void runWorker() {
        completed();
    }
}
