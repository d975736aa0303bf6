package io.covey.engine;

import java.time.Duration;

import io.covey.core.manifest.CoveyManifest;
import io.covey.core.spec.WorkerOptions;
import io.covey.engine.testworkers.CountdownJob;
import io.covey.engine.testworkers.CrashingWorker;
import io.covey.engine.testworkers.FaultyWorker;
import io.covey.engine.testworkers.GatedWorker;
import io.covey.engine.testworkers.HealthProbeWorker;
import io.covey.engine.testworkers.PokeableWorker;
import io.covey.engine.testworkers.LiveCountingWorker;
import io.covey.engine.testworkers.ServiceWorker;
import io.covey.engine.testworkers.SilentWorker;
import io.covey.engine.testworkers.StubbornWorker;

/** Managers for engine tests: in-process workers, short stop timeouts. */
final class TestManagers {
    static final CoveyManifest MANIFEST = CoveyManifest.of(ServiceWorker.class, CountdownJob.class, FaultyWorker.class,
            StubbornWorker.class, LiveCountingWorker.class, CrashingWorker.class, SilentWorker.class, GatedWorker.class,
            HealthProbeWorker.class, PokeableWorker.class,
            io.covey.engine.testworkers.InputSinkWorker.class);

    static final WorkerOptions IN_PROCESS = WorkerOptions.NONE.withForeign(false).withStopTimeout(Duration.ofSeconds(2));

    private TestManagers() {
    }

    static CoveyManager inProcess() {
        return CoveyManager.builder(MANIFEST).noForeignChildren()
                .settings(ManagerSettings.defaults().withWorkerDefaults(IN_PROCESS))
                .build();
    }
}
