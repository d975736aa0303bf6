package io.covey.engine.foreign;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import io.covey.core.api.JvmOptionNotAllowedException;
import io.covey.core.launch.ChildLaunchSettings;
import io.covey.core.launch.JvmOptionPolicy;
import io.covey.core.spec.WorkerOptions;
import io.covey.core.manifest.CoveyManifest;
import io.covey.core.protocol.ControlAddress;
import io.covey.engine.NamedThreadFactory;
import io.covey.engine.Scheduler;
import io.covey.engine.launch.LaunchRequest;
import io.covey.engine.launch.RunCallbacks;
import io.covey.engine.launch.RunExit;
import io.covey.engine.launch.WorkerLauncher;
import io.covey.engine.launch.WorkerRun;

/**
 * Runs each attempt in a child JVM of its own: a lean class path ({@link ChildClassPath}: the child
 * runtime and the worker's classes, or the configured one), covey-child's {@code ChildMain} as main
 * class, and a private control channel back to this launcher. {@link #launch} returns at once; the
 * spawn happens on a launcher thread.
 * <p>
 * It reads top-down: the launcher owns what its children share (the {@link LaunchContext}: how a
 * child is made, the control server, its threads and timers) and hands it to each
 * {@link ForeignRun} and to the {@link WarmPool} when it builds them; neither calls back into the
 * launcher, and the launcher learns that a run ended from the run's {@link ForeignRun#ended()}.
 * <p>
 * Each launcher instance has an epoch, a random id that every child must echo in its hello, so a
 * child left over from an earlier host cannot take the place of a new one. The control socket is
 * opened at the first launch and removed by {@link #close()}.
 * <p>
 * With a warm pool ({@link ChildLaunchSettings#warmPool()}), a launch takes a child that is already
 * started, connected and warmed up, when one waits, and starts one cold otherwise. The pool starts
 * filling at {@link #prestart()} or at the first launch, and refills on the launcher's threads.
 */
public final class ForeignWorkerLauncher implements WorkerLauncher, AutoCloseable {
    static final Duration CLOSE_WAIT = Duration.ofSeconds(5);

    private final LaunchContext context;
    private final ThreadPoolExecutor executor = new ThreadPoolExecutor(0, Integer.MAX_VALUE, 5, TimeUnit.SECONDS,
            new SynchronousQueue<>(), new NamedThreadFactory("covey-foreign"));
    /** The runs not ended yet, and some that just ended (each leaves once its end is complete). */
    private final Set<ForeignRun> live = ConcurrentHashMap.newKeySet();
    private final WarmPool pool;
    private final JvmOptionPolicy policy;
    private boolean closed;

    public ForeignWorkerLauncher(ChildLaunchSettings settings, Scheduler scheduler) {
        this(settings, scheduler, System.getenv());
    }

    /** @param hostEnvironment the variables children may inherit, filtered by the allow-list */
    public ForeignWorkerLauncher(ChildLaunchSettings settings, Scheduler scheduler, Map<String, String> hostEnvironment) {
        Objects.requireNonNull(settings, "settings");
        Objects.requireNonNull(scheduler, "scheduler");
        String epoch = Secrets.epoch();
        this.context = new LaunchContext(new ChildTemplate(settings, hostEnvironment, epoch),
                new ControlEndpoint(settings, epoch, scheduler), executor, scheduler);
        this.pool = settings.warmPool().enabled() ? new WarmPool(settings.warmPool(), context) : null;
        this.policy = settings.jvmOptionPolicy();
    }

    /** Starts filling the warm pool, if there is one, without waiting for it; launches work either way. */
    public void prestart() {
        if (pool != null) {
            pool.refillSoon();
        }
    }

    /**
     * Warm children started from now on load these worker classes while they wait, so that an
     * assignment does not pay for loading its class, and get a lean class path for them. Call it
     * before {@link #prestart()} (the host's auto-configuration does; a {@code CoveyManager} calls
     * it when it is built).
     */
    @Override
    public void prepareFor(CoveyManifest manifest) {
        if (pool != null) {
            pool.prepareFor(manifest);
        }
    }

    /** The pids of the warm children waiting now, for tests and benchmarks; empty without a pool. */
    List<Long> waitingChildPids() {
        return pool == null ? List.of() : pool.waitingPids();
    }

    /** What the warm pool holds now and has done; {@link WarmPoolStats#OFF} without a pool. */
    public WarmPoolStats warmPoolStats() {
        return pool == null ? WarmPoolStats.OFF : pool.stats();
    }

    @Override
    public WorkerRun launch(LaunchRequest request, RunCallbacks callbacks) {
        ForeignRun run = new ForeignRun(request, callbacks, Secrets.oneTime(), context);
        WarmChild warm;
        synchronized (this) {
            if (closed) {
                run.reportExit(RunExit.failed("the foreign worker launcher is closed"));
                return run;
            }
            live.add(run);
            // A waiting child runs with the host's JVM options only: a worker with its own starts cold.
            warm = pool == null || !ChildCommand.workerJvmOptions(request.options()).isEmpty() ? null : pool.take();
        }
        run.ended().whenComplete((exit, error) -> live.remove(run));
        if (warm != null) {
            run.adopt(warm);
        } else {
            executor.execute(run::spawn);
        }
        return run;
    }

    /** Refuses a declaration whose {@code jvmOptions} the launch settings' {@link JvmOptionPolicy} does not allow. */
    @Override
    public void checkDeclared(String workerId, WorkerOptions declared) {
        if (declared == null) {
            return;
        }
        policy.firstRefused(declared.jvmOptions()).ifPresent(option -> {
            throw new JvmOptionNotAllowedException(workerId, option);
        });
    }

    /** The runs whose process tree is not gone yet. */
    public List<WorkerRun> liveRuns() {
        return live.stream().filter(run -> !run.hasEnded()).<WorkerRun>map(run -> run).toList();
    }

    /**
     * Kills every child still running and every warm child waiting, waits up to {@link #CLOSE_WAIT} for their trees to be gone,
     * and removes the control socket. The launcher's threads end on their own once idle.
     */
    @Override
    public void close() {
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
            context.endpoint().stopOpening();
        }
        CompletableFuture<Void> waitingGone = pool == null ? CompletableFuture.completedFuture(null) : pool.close();
        List<ForeignRun> running = List.copyOf(live);
        running.forEach(run -> run.kill("the host is shutting down"));
        try {
            CompletableFuture.allOf(waitingGone, CompletableFuture.allOf(
                            running.stream().map(ForeignRun::ended).toArray(CompletableFuture[]::new)))
                    .get(CLOSE_WAIT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException | ExecutionException e) {
            System.getLogger(ForeignWorkerLauncher.class.getName()).log(System.Logger.Level.WARNING,
                    "foreign workers still ending after " + CLOSE_WAIT + ": " + live);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        context.endpoint().close();
    }

    /** The address children connect to; opens the control socket if needed. For tests. */
    ControlAddress controlAddress() throws IOException {
        return context.endpoint().open().address();
    }
}
