package io.covey.bench.engine;

import java.util.ArrayList;
import java.util.List;

import io.covey.bench.workers.NoopServiceWorker;
import io.covey.core.manifest.CoveyManifest;
import io.covey.core.spec.CoveyGroup;
import io.covey.core.spec.WorkerOptions;
import io.covey.engine.CoveyManager;
import io.covey.engine.ManagerSettings;

/** Managers and declarations for the in-process scenarios, shared by the runner and the JMH benchmarks. */
public final class NoopGroups {
    public static final String GROUP = "bench";

    private NoopGroups() {
    }

    /** A manager whose limits admit {@code size} workers twice over (a changed spec briefly holds both). */
    public static CoveyManager manager(int size) {
        ManagerSettings settings = ManagerSettings.defaults()
                .withWorkerDefaults(WorkerOptions.NONE.withForeign(false))
                .withLimits(size, 2 * size);
        return CoveyManager.builder(CoveyManifest.of(NoopServiceWorker.class)).settings(settings).build();
    }

    /** {@code size} no-op workers with derived ids; those with {@code n % 100 < changedPercent} get {@code variant}. */
    public static CoveyGroup group(int size, int changedPercent, int variant) {
        return group(size, changedPercent, variant, false);
    }

    /** The same, optionally with explicit ids ({@code w<n>}), which spares the engine deriving them. */
    public static CoveyGroup group(int size, int changedPercent, int variant, boolean explicitIds) {
        List<NoopServiceWorker> workers = new ArrayList<>(size);
        for (int n = 0; n < size; n++) {
            NoopServiceWorker worker = new NoopServiceWorker(new NoopServiceWorker.Params(n, n % 100 < changedPercent ? variant : 0));
            if (explicitIds) {
                worker.setId("w" + n);
            }
            workers.add(worker);
        }
        return new CoveyGroup(GROUP, workers);
    }
}
