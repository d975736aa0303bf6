package io.covey.demo.workers;

import io.covey.core.worker.CoveyWorker;
import io.covey.core.worker.CoveyWorkerType;

/** A job: counts down one tick per interval, then completes with a result. */
@CoveyWorkerType("CountdownJob")
public class CountdownJob extends CoveyWorker<CountdownJob.Params> {
    /**
     * @param from       where to count down from
     * @param intervalMs the pause between ticks; 500 when not given
     */
    public record Params(int from, Long intervalMs) {
        public Params {
            if (from < 0) {
                throw new IllegalArgumentException("from must not be negative, was " + from);
            }
            if (intervalMs == null) {
                intervalMs = 500L;
            }
            if (intervalMs < 0) {
                throw new IllegalArgumentException("intervalMs must not be negative, was " + intervalMs);
            }
        }
    }

    public record Result(int counted, String message) {
    }

    public CountdownJob(Params params) {
        super(params);
    }

    @Override
    public void runWorker() throws InterruptedException {
        running("counting down from " + params().from());
        for (int i = params().from(); i > 0; i--) {
            log("T-" + i);
            publish(new Tick(i));
            Thread.sleep(params().intervalMs());
        }
        completed(new Result(params().from(), "liftoff"));
    }

    public record Tick(int remaining) {
    }
}
