package io.covey.demo.workers;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

import io.covey.core.worker.CoveyWorker;
import io.covey.core.worker.CoveyWorkerType;

/** Runs for a while and then crashes now and then, to show restarts and backoff at work. */
@CoveyWorkerType("FlakyWorker")
public class FlakyWorker extends CoveyWorker<FlakyWorker.Params> {
    /**
     * @param crashProbability the chance, per second of running, that it crashes
     */
    public record Params(double crashProbability) {
        public Params {
            if (crashProbability < 0 || crashProbability > 1) {
                throw new IllegalArgumentException("crashProbability must be between 0 and 1, was " + crashProbability);
            }
        }
    }

    private final CountDownLatch stop = new CountDownLatch(1);

    public FlakyWorker(Params params) {
        super(params);
    }

    @Override
    public void runWorker() throws InterruptedException {
        running("up; crashes with probability " + params().crashProbability() + " per second");
        int seconds = 0;
        while (!stop.await(1, TimeUnit.SECONDS)) {
            seconds++;
            if (ThreadLocalRandom.current().nextDouble() < params().crashProbability()) {
                throw new IllegalStateException("flaked out after " + seconds + "s, as flaky workers do");
            }
            log("still up after " + seconds + "s");
        }
    }

    @Override
    public void stopWorker() {
        stop.countDown();
    }
}
