package io.covey.docs.readme;

import java.util.List;
import java.util.concurrent.TimeUnit;

import org.springframework.stereotype.Service;

import io.covey.client.CoveyClient;
import io.covey.core.api.GroupDiff;
import io.covey.core.event.EventFilter;
import io.covey.core.event.EventType;

@Service
class Reports {
    private static final System.Logger LOG = System.getLogger(Reports.class.getName());
    private final CoveyClient covey;

    Reports(CoveyClient covey) {
        this.covey = covey;
    }

    ReportJob.Report build(int year) throws Exception {
        GroupDiff diff = covey.runGroup("reports", List.of(new ReportJob(new ReportJob.Params(year))));
        // Resumes with since= after a dropped connection: no event lost or repeated.
        covey.subscribe(EventFilter.group("reports").withTypes(EventType.LIFECYCLE),
                event -> LOG.log(System.Logger.Level.INFO, event));
        return covey.result(diff.started().get(0), ReportJob.Report.class).get(10, TimeUnit.MINUTES);
    }
}
