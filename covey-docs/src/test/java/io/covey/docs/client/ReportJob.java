package io.covey.docs.client;

import io.covey.core.worker.CoveyWorker;

/** The job docs/CLIENT.md's example runs (not shown there). */
public class ReportJob extends CoveyWorker<ReportJob.Params> {
    public record Params(int year) {
    }

    public ReportJob(Params params) {
        super(params);
    }

    @Override
    public void runWorker() {
        completed(new ReportResult(params().year(), "reports/" + params().year() + ".pdf"));
    }
}
