package io.covey.worker.autoconfigure.testworkers.good;

import io.covey.core.worker.CoveyWorker;
import io.covey.core.worker.CoveyWorkerType;

/** Named by its simple name. */
@CoveyWorkerType
public class EchoWorker extends CoveyWorker<EchoWorker.Params> {
    public record Params(String text) {
    }

    public EchoWorker(Params params) {
        super(params);
    }

    @Override
    public void runWorker() {
        completed(params().text());
    }
}
