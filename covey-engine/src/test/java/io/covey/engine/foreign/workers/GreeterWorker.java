package io.covey.engine.foreign.workers;

import java.io.IOException;
import java.util.Map;
import java.util.concurrent.CountDownLatch;

import io.covey.core.worker.CoveyWorker;

/** Says hello on every channel (status, stdout, stderr, log, publish), then completes or stays until stopped. */
public class GreeterWorker extends CoveyWorker<GreeterWorker.Params> {
    public record Params(String name, boolean stay) {
    }

    private final CountDownLatch stop = new CountDownLatch(1);

    public GreeterWorker(Params params) {
        super(params);
    }

    @Override
    public void runWorker() throws InterruptedException, IOException {
        starting("warming up");
        System.out.println("hello " + params().name() + " from stdout");
        System.out.write(new byte[] {'b', 'a', 'd', (byte) 0xff, (byte) 0xfe, '\n'});
        System.out.flush();
        System.err.println("a warning on stderr");
        log("a log line");
        publish(Map.of("n", 1));
        running("ready");
        if (!params().stay()) {
            completed(Map.of("greeting", "hello " + params().name()));
            return;
        }
        try {
            stop.await();
        } catch (InterruptedException e) {
            // The runtime interrupts right after stopWorker() returns, which may beat the latch.
        }
        stopped("bye");
    }

    @Override
    public void stopWorker() {
        stop.countDown();
    }
}
