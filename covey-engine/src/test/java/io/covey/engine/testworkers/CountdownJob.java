package io.covey.engine.testworkers;

import io.covey.core.worker.CoveyWorker;

/** A job: counts down and completes with a result. */
public final class CountdownJob extends CoveyWorker<CountdownJob.Params> {
    public record Params(int from) {
    }

    public record Result(int counted, String message) {
    }

    public CountdownJob(Params params) {
        super(params);
    }

    @Override
    public void runWorker() {
        running("counting down from " + params().from());
        for (int i = params().from(); i > 0; i--) {
            log("tick " + i);
        }
        completed(new Result(params().from(), "liftoff"));
    }
}
