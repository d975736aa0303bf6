package io.covey.worker.autoconfigure.testworkers.extra;

import io.covey.core.worker.CoveyWorker;

/** Not annotated and not scanned: added by a customizer. */
public class LibraryWorker extends CoveyWorker<Void> {
    public LibraryWorker() {
        super(null);
    }

    @Override
    public void runWorker() {
        completed();
    }
}
