package io.covey.engine.testworkers;

import io.covey.core.worker.CoveyWorker;

/** Logs as many lines as asked, as fast as it can, then completes. */
public final class ChattyJob extends CoveyWorker<ChattyJob.Params> {
    public record Params(int lines) {
    }

    public ChattyJob(Params params) {
        super(params);
    }

    @Override
    public void runWorker() {
        running();
        for (int i = 1; i <= params().lines(); i++) {
            log("line " + i);
        }
        completed(params().lines());
    }
}
