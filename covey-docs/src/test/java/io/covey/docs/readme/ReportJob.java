package io.covey.docs.readme;

import io.covey.core.worker.CoveyWorker;

/** The job the README's client example runs (not shown there). */
public class ReportJob extends CoveyWorker<ReportJob.Params> {
    public record Params(int year) {
    }

    public record Report(int year, long lines) {
    }

    public ReportJob(Params params) {
        super(params);
    }

    @Override
    public void runWorker() {
        running("building the report for " + params().year());
        completed(new Report(params().year(), 0));
    }
}
