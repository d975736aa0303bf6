package io.covey.engine.inprocess;

import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

import io.covey.engine.NamedThreadFactory;
import io.covey.engine.Scheduler;
import io.covey.engine.launch.LaunchRequest;
import io.covey.engine.launch.RunCallbacks;
import io.covey.engine.launch.WorkerLauncher;
import io.covey.engine.launch.WorkerRun;

/**
 * Runs workers as threads of this JVM ({@code foreign: false}). {@code runWorker()} runs on a
 * pooled thread: starting a thread costs 0.1 to 0.3 ms on a busy machine, which made bringing
 * up 10,000 workers take seconds, while a service-style worker gives its thread back at once.
 * The pool is unbounded (a worker that blocks keeps its thread) and idle threads end by
 * themselves, so nothing needs shutting down.
 */
public final class InProcessLauncher implements WorkerLauncher {
    private final Scheduler scheduler;
    /** Health checks run here, never on the engine thread; idle threads end after a minute. */
    private final ExecutorService healthChecks = Executors.newCachedThreadPool(new NamedThreadFactory("covey-health"));
    private final WorkerThreads threads = new WorkerThreads();
    private final ExecutorService runThreads = new ThreadPoolExecutor(0, Integer.MAX_VALUE, 10, TimeUnit.SECONDS,
            new SynchronousQueue<>(), threads);

    public InProcessLauncher(Scheduler scheduler) {
        this.scheduler = scheduler;
        SystemExitWatch.install();
    }

    /** The threads in-process workers started and left running after their attempt ended, that still run, by worker. */
    public Map<String, Integer> threadsLeftRunning() {
        return threads.stillRunning();
    }

    @Override
    public WorkerRun launch(LaunchRequest request, RunCallbacks callbacks) {
        InProcessRun run = new InProcessRun(request, callbacks, scheduler, runThreads, healthChecks, threads);
        run.start();
        return run;
    }
}
