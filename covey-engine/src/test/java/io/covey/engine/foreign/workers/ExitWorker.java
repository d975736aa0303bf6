package io.covey.engine.foreign.workers;

import io.covey.core.worker.CoveyWorker;

/** Halts its JVM with the given exit code, right after saying running. */
public class ExitWorker extends CoveyWorker<ExitWorker.Params> {
    public record Params(int code) {
    }

    public ExitWorker(Params params) {
        super(params);
    }

    @Override
    public void runWorker() {
        running("about to exit");
        System.err.println("exiting with " + params().code());
        System.err.flush();
        Runtime.getRuntime().halt(params().code());
    }
}
