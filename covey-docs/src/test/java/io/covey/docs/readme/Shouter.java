package io.covey.docs.readme;

import java.util.Locale;
import java.util.concurrent.CountDownLatch;

import io.covey.core.worker.CoveyWorker;
import io.covey.core.worker.CoveyWorkerType;
import io.covey.core.worker.WorkerInput;

/** Takes input while it runs: each {"say": "..."} sent to it is published back in capitals. */
@CoveyWorkerType("shouter")
public class Shouter extends CoveyWorker<Shouter.Params> {
    public record Params() {
    }

    public record Say(String say) {
    }

    private final CountDownLatch stop = new CountDownLatch(1);

    public Shouter(Params params) {
        super(params);
    }

    @Override
    public void runWorker() throws InterruptedException {
        running("listening");
        stop.await();
    }

    @Override
    protected void onInput(WorkerInput input) {
        // One input at a time, in the order sent, on a thread of its own (not runWorker's).
        if (input instanceof WorkerInput.Json json) {
            publish(json.as(Say.class).say().toUpperCase(Locale.ROOT));
        } else {
            log("ignored " + input.size() + " bytes");
        }
    }

    @Override
    public void stopWorker() {
        stop.countDown();
    }
}
