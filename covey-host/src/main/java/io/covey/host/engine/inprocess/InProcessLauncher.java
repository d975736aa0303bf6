package io.covey.host.engine.inprocess;

import io.covey.host.engine.Scheduler;
import io.covey.host.engine.launch.LaunchRequest;
import io.covey.host.engine.launch.RunCallbacks;
import io.covey.host.engine.launch.WorkerLauncher;
import io.covey.host.engine.launch.WorkerRun;

/** Runs workers as threads of this JVM ({@code foreign: false}). */
public final class InProcessLauncher implements WorkerLauncher {
    private final Scheduler scheduler;

    public InProcessLauncher(Scheduler scheduler) {
        this.scheduler = scheduler;
    }

    @Override
    public WorkerRun launch(LaunchRequest request, RunCallbacks callbacks) {
        InProcessRun run = new InProcessRun(request, callbacks, scheduler);
        run.start();
        return run;
    }
}
