package io.covey.engine.testworkers;

import io.covey.core.worker.CoveyWorker;

/** Sleeps {@code seconds}, then completes; its constructor refuses a negative time, as a worker that validates would. */
public final class SleepyWorker extends CoveyWorker<SleepyWorker.Params> {
    public record Params(int seconds) {
    }

    public SleepyWorker(Params params) {
        super(params);
        if (params.seconds() < 0) {
            throw new IllegalArgumentException("seconds must not be negative, was " + params.seconds());
        }
    }

    @Override
    public void runWorker() throws InterruptedException {
        running("sleeping " + params().seconds() + " s");
        Thread.sleep(params().seconds() * 1000L);
        completed(params().seconds());
    }
}
