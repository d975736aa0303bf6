package io.covey.client;

import java.time.Duration;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

import io.covey.core.api.CoveyOperations;
import io.covey.core.manifest.CoveyManifest;
import io.covey.core.spec.WorkerOptions;
import io.covey.engine.CoveyManager;
import io.covey.engine.ManagerSettings;
import io.covey.engine.testworkers.CountdownJob;
import io.covey.engine.testworkers.CrashingWorker;
import io.covey.engine.testworkers.ServiceWorker;

/** The contract against the in-process manager: the reference the client must match. */
class LocalManagerContractTest extends CoveyOperationsContract {
    private static CoveyManager manager;

    @BeforeAll
    static void start() {
        manager = CoveyManager.builder(CoveyManifest.of(ServiceWorker.class, CountdownJob.class, CrashingWorker.class,
                        io.covey.engine.testworkers.InputSinkWorker.class))
                .settings(ManagerSettings.defaults().withWorkerDefaults(
                        WorkerOptions.NONE.withForeign(false).withStopTimeout(Duration.ofSeconds(2))))
                .build();
    }

    @AfterAll
    static void stop() {
        manager.close();
    }

    @Override
    CoveyOperations operations() {
        return manager;
    }
}
