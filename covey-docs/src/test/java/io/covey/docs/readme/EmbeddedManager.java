package io.covey.docs.readme;

import java.util.List;

import io.covey.core.api.GroupDiff;
import io.covey.core.event.EventFilter;
import io.covey.core.launch.ChildLaunchSettings;
import io.covey.core.manifest.CoveyManifest;
import io.covey.core.spec.CoveyGroup;
import io.covey.core.spec.WorkerOptions;
import io.covey.demo.workers.CountdownJob;
import io.covey.engine.CoveyManager;

public class EmbeddedManager {
    public static void main(String[] args) throws Exception {
        try (CoveyManager manager = CoveyManager.builder(CoveyManifest.of(CountdownJob.class, Echo.class))
                .foreignChildren(ChildLaunchSettings.defaults()) // the default; .noForeignChildren() for threads only
                .build()) {
            GroupDiff diff = manager.runGroup(new CoveyGroup("jobs", List.of(
                    new CountdownJob(new CountdownJob.Params(3, 100L)), // a child JVM of its own
                    new CountdownJob(new CountdownJob.Params(5, 100L)).setOptions(WorkerOptions.NONE.withForeign(false))))); // a thread

            manager.subscribe(EventFilter.group("jobs"), event -> System.out.println(event));
            CountdownJob.Result result = manager.result(diff.started().get(0), CountdownJob.Result.class).get();
            System.out.println(result.message() + " after " + result.counted());
        } // close() stops every worker within the shutdown budget, then the children's launcher
    }
}
