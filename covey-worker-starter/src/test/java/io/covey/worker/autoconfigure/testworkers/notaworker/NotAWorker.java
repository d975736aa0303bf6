package io.covey.worker.autoconfigure.testworkers.notaworker;

import io.covey.core.worker.CoveyWorkerType;

/** Annotated by mistake: it does not extend CoveyWorker. */
@CoveyWorkerType
public class NotAWorker {
}
