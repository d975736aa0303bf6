package io.covey.engine.testworkers;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;

import io.covey.core.worker.CoveyWorker;
import io.covey.core.worker.WorkerHealth;

/**
 * Runs until stopped; its health check obeys flag files in {@code flagDir}, so a test can steer it
 * in-process and in a child JVM alike: {@code fail} makes it unhealthy, {@code hang} makes it
 * block until the worker is stopped, neither makes it healthy.
 */
public final class HealthProbeWorker extends CoveyWorker<HealthProbeWorker.Params> {
    public record Params(String flagDir) {
    }

    private final CountDownLatch stop = new CountDownLatch(1);

    public HealthProbeWorker(Params params) {
        super(params);
    }

    @Override
    public void runWorker() throws InterruptedException {
        running("probe up");
        stop.await();
    }

    @Override
    public void stopWorker() {
        stop.countDown();
    }

    @Override
    public WorkerHealth checkHealth() throws InterruptedException {
        Path dir = Path.of(params().flagDir());
        if (Files.exists(dir.resolve("hang"))) {
            stop.await();
        }
        return Files.exists(dir.resolve("fail")) ? WorkerHealth.unhealthy("the fail flag is set") : WorkerHealth.ok("fine");
    }
}
