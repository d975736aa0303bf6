package io.covey.host.engine.inprocess;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import io.covey.host.engine.NamedThreadFactory;
import io.covey.host.engine.Scheduler;
import io.covey.host.engine.launch.LaunchRequest;
import io.covey.host.engine.launch.RunCallbacks;
import io.covey.host.engine.launch.WorkerLauncher;
import io.covey.host.engine.launch.WorkerRun;

/** Runs workers as threads of this JVM ({@code foreign: false}). */
public final class InProcessLauncher implements WorkerLauncher {
    private final Scheduler scheduler;
    /** Health checks run here, never on the engine thread; idle threads end after a minute. */
    private final ExecutorService healthChecks = Executors.newCachedThreadPool(new NamedThreadFactory("covey-health"));

    public InProcessLauncher(Scheduler scheduler) {
        this.scheduler = scheduler;
    }

    @Override
    public WorkerRun launch(LaunchRequest request, RunCallbacks callbacks) {
        InProcessRun run = new InProcessRun(request, callbacks, scheduler, healthChecks);
        run.start();
        return run;
    }
}
