package io.covey.engine;

import java.util.List;
import java.util.concurrent.CountDownLatch;

import io.covey.core.manifest.CoveyManifest;
import io.covey.core.spec.WorkerOptions;
import io.covey.core.worker.CoveyWorker;
import io.covey.core.worker.CoveyWorkerType;

/** A manager whose in-process worker calls System.exit(3), beside one that only runs: run as a JVM of its own. */
public final class ExitingHostMain {
    private ExitingHostMain() {
    }

    @CoveyWorkerType("Exiter")
    public static final class Exiter extends CoveyWorker<Void> {
        public Exiter(Void params) {
            super(params);
        }

        @Override
        public void runWorker() {
            running("about to exit");
            System.exit(3);
        }
    }

    @CoveyWorkerType("Bystander")
    public static final class Bystander extends CoveyWorker<Void> {
        public Bystander(Void params) {
            super(params);
        }

        @Override
        public void runWorker() throws InterruptedException {
            running("waiting");
            new CountDownLatch(1).await();
        }
    }

    public static void main(String[] args) throws Exception {
        CoveyManager manager = CoveyManager.builder(CoveyManifest.of(Exiter.class, Bystander.class)).noForeignChildren().build();
        manager.runGroup("g", List.of(new Bystander(null).setId("bystander").setOptions(WorkerOptions.NONE.withForeign(false))));
        while (manager.worker("bystander").state() != io.covey.core.lifecycle.WorkerState.RUNNING) {
            Thread.onSpinWait();
        }
        manager.runGroup("g", List.of(new Bystander(null).setId("bystander").setOptions(WorkerOptions.NONE.withForeign(false)),
                new Exiter(null).setId("exiter").setOptions(WorkerOptions.NONE.withForeign(false))));
        Thread.sleep(30_000); // the exit comes first
    }
}
