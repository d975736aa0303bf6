package io.covey.engine.launch;

import io.covey.core.manifest.CoveyManifest;
import io.covey.core.spec.WorkerOptions;

/**
 * Starts one attempt of a worker: as a thread of this JVM, or as a child JVM. The engine decides
 * what an attempt's outcome means; a launcher only runs it and reports what happened.
 */
public interface WorkerLauncher {
    /**
     * Starts an attempt and returns at once: anything that blocks (constructing the worker,
     * spawning a process) happens on the launcher's own threads, never the caller's.
     * Every outcome, a failure to start included, reaches {@code callbacks}, ending with exactly
     * one {@link RunCallbacks#exited(RunExit)}.
     */
    WorkerRun launch(LaunchRequest request, RunCallbacks callbacks);

    /**
     * The worker types this launcher may be asked to run, told once the manager knows them; a
     * launcher may prepare for them ahead of any launch. By default it does nothing.
     */
    default void prepareFor(CoveyManifest manifest) {
    }

    /**
     * Checks the options a declaration sets itself (not the manager's defaults) before anything
     * changes, throwing a {@code CoveyException} for one this launcher will not run; by default it
     * accepts all. The foreign launcher holds {@code jvmOptions} to its JVM option policy.
     */
    default void checkDeclared(String workerId, WorkerOptions declared) {
    }
}
