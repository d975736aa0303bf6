package io.covey.docs.client;

import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.springframework.stereotype.Service;

import io.covey.client.CoveyClient;
import io.covey.core.api.GroupDiff;
import io.covey.core.event.EventFilter;
import io.covey.core.event.EventType;
import io.covey.core.event.GapEvent;
import io.covey.core.event.LifecycleEvent;
import io.covey.core.event.Subscription;
import io.covey.core.spec.RestartPolicy;
import io.covey.core.spec.WorkerOptions;
import io.covey.core.spec.WorkerSpec;

@Service
class Reports {
    private static final System.Logger LOG = System.getLogger(Reports.class.getName());
    private final CoveyClient covey; // or CoveyOperations, to swap in a local CoveyManager

    Reports(CoveyClient covey) {
        this.covey = covey;
    }

    ReportResult build(int year) throws Exception {
        // From a typed instance: type name, params and options come from the worker itself.
        GroupDiff diff = covey.runGroup("reports", List.of(
                new ReportJob(new ReportJob.Params(year)).setOptions(WorkerOptions.NONE.withRestart(RestartPolicy.NEVER))));
        String id = diff.started().get(0);
        return covey.result(id, ReportResult.class).get(10, TimeUnit.MINUTES);
    }

    GroupDiff buildBySpec(int year) {
        // Or from a spec, without the worker class on the class path:
        return covey.runGroup("reports", List.of(WorkerSpec.of("ReportJob", Map.of("year", year))));
    }

    Subscription watch() {
        return covey.subscribe(EventFilter.group("reports").withTypes(EventType.LIFECYCLE), event -> {
            if (event instanceof GapEvent) {
                // Events were lost (retention exceeded, or a host restart): re-read state.
                covey.groups();
            } else if (event instanceof LifecycleEvent lifecycle) {
                LOG.log(System.Logger.Level.INFO, lifecycle.worker() + " is " + lifecycle.state());
            }
        });
    }
}
