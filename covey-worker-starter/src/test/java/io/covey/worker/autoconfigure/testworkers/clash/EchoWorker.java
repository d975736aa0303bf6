package io.covey.worker.autoconfigure.testworkers.clash;

import io.covey.core.worker.CoveyWorker;
import io.covey.core.worker.CoveyWorkerType;

/** Same type name as the one in the good package. */
@CoveyWorkerType
public class EchoWorker extends CoveyWorker<Void> {
    public EchoWorker() {
        super(null);
    }

    @Override
    public void runWorker() {
        completed();
    }
}
