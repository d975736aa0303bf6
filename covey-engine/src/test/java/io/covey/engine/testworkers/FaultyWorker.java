package io.covey.engine.testworkers;

import java.util.concurrent.CountDownLatch;

import io.covey.core.worker.CoveyWorker;

/** Fails in the way its params ask for. */
public final class FaultyWorker extends CoveyWorker<FaultyWorker.Params> {
    public enum Fault { CONSTRUCTOR, RUN, STOP, ERROR, REPORTED }

    public record Params(Fault fault) {
    }

    private final CountDownLatch stop = new CountDownLatch(1);

    public FaultyWorker(Params params) {
        super(params);
        if (params.fault() == Fault.CONSTRUCTOR) {
            throw new IllegalArgumentException("bad params: constructor refused");
        }
    }

    @Override
    public void runWorker() throws Exception {
        switch (params().fault()) {
            case RUN -> throw new IllegalStateException("run blew up");
            case ERROR -> throw new AssertionError("an Error from runWorker");
            case REPORTED -> crashed("the device went away");
            default -> {
                running();
                stop.await();
            }
        }
    }

    @Override
    public void stopWorker() {
        stop.countDown();
        if (params().fault() == Fault.STOP) {
            throw new IllegalStateException("stop blew up");
        }
    }
}
