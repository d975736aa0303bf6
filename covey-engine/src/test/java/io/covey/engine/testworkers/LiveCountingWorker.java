package io.covey.engine.testworkers;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;

import io.covey.core.worker.CoveyWorker;

/** Counts how many instances per tag are live at once, and the most there ever were. */
public final class LiveCountingWorker extends CoveyWorker<LiveCountingWorker.Params> {
    public record Params(String tag) {
    }

    public static final Map<String, AtomicInteger> LIVE = new ConcurrentHashMap<>();
    public static final Map<String, Integer> MAX_LIVE = new ConcurrentHashMap<>();

    private final CountDownLatch stop = new CountDownLatch(1);

    public LiveCountingWorker(Params params) {
        super(params);
    }

    @Override
    public void runWorker() throws InterruptedException {
        int now = LIVE.computeIfAbsent(params().tag(), t -> new AtomicInteger()).incrementAndGet();
        MAX_LIVE.merge(params().tag(), now, Math::max);
        try {
            running();
            stop.await();
        } finally {
            LIVE.get(params().tag()).decrementAndGet();
        }
    }

    @Override
    public void stopWorker() {
        stop.countDown();
    }
}
