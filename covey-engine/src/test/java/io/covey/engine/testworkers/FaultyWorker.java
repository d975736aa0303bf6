package io.covey.engine.testworkers;

import java.util.concurrent.CountDownLatch;

import io.covey.core.worker.CoveyWorker;

/** Fails in the way its params ask for. */
public final class FaultyWorker extends CoveyWorker<FaultyWorker.Params> {
    /** {@code CONSTRUCTOR_AT_RUN}: refuses only on the worker's own thread, after the declaration's check accepted it. */
    public enum Fault { CONSTRUCTOR, CONSTRUCTOR_AT_RUN, RUN, STOP, ERROR, REPORTED }

    public record Params(Fault fault) {
    }

    private final CountDownLatch stop = new CountDownLatch(1);

    public FaultyWorker(Params params) {
        super(params);
        if (params.fault() == Fault.CONSTRUCTOR) {
            throw new IllegalArgumentException("bad params: constructor refused");
        }
        if (params.fault() == Fault.CONSTRUCTOR_AT_RUN && Thread.currentThread().getName().startsWith("covey-worker-")) {
            throw new IllegalArgumentException("the device is gone: constructor refused");
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
