package io.covey.engine.testworkers;

import java.util.HexFormat;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import io.covey.core.json.CoveyJson;
import io.covey.core.worker.CoveyWorker;
import io.covey.core.worker.WorkerInput;

/**
 * Runs until stopped and logs every input it receives, in the order received: {@code json <text>}
 * or {@code bytes <hex>}. With {@code holdMs}, each input is held that long (or until the stop)
 * before the next one, so a test can fill its queue.
 */
public final class InputSinkWorker extends CoveyWorker<InputSinkWorker.Params> {
    public record Params(String name, Long holdMs) {
    }

    private final CountDownLatch stop = new CountDownLatch(1);

    public InputSinkWorker(Params params) {
        super(params);
    }

    @Override
    public void runWorker() throws InterruptedException {
        running("taking input as " + params().name());
        stop.await();
    }

    @Override
    protected void onInput(WorkerInput input) throws InterruptedException {
        if (input instanceof WorkerInput.Json json) {
            log("json " + CoveyJson.write(json.value()));
        } else {
            log("bytes " + HexFormat.of().formatHex(input.bytes()));
        }
        if (params().holdMs() != null) {
            stop.await(params().holdMs(), TimeUnit.MILLISECONDS);
        }
    }

    @Override
    public void stopWorker() {
        stop.countDown();
    }
}
