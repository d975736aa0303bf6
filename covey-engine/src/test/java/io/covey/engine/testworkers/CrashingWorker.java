package io.covey.engine.testworkers;

import io.covey.core.worker.CoveyWorker;

/** Crashes right after saying it runs. */
public final class CrashingWorker extends CoveyWorker<Void> {
    public CrashingWorker() {
        super(null);
    }

    @Override
    public void runWorker() {
        running();
        throw new IllegalStateException("crash on purpose");
    }
}
