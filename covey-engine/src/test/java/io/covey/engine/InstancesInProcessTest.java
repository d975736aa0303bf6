package io.covey.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.util.List;

import org.junit.jupiter.api.Test;

import io.covey.core.lifecycle.WorkerState;
import io.covey.core.manifest.CoveyManifest;
import io.covey.engine.testworkers.InstanceWorker;

/** Real threads: each in-process instance reads its own index, though they share one JVM. */
class InstancesInProcessTest {
    @Test
    void eachInProcessInstanceKnowsItsIndex() {
        try (CoveyManager manager = CoveyManager.builder(CoveyManifest.of(InstanceWorker.class)).noForeignChildren()
                .settings(ManagerSettings.defaults().withWorkerDefaults(TestManagers.IN_PROCESS)).build()) {
            manager.runGroup("g", List.of(new InstanceWorker(new InstanceWorker.Params("x")).setId("w").setInstances(3)));

            await().untilAsserted(() -> assertThat(manager.group("g").workers()).allMatch(w -> w.state() == WorkerState.RUNNING)
                    .extracting(w -> w.id() + ": " + w.message())
                    .containsExactly("w-0: instance 0", "w-1: instance 1", "w-2: instance 2"));
        }
    }
}
