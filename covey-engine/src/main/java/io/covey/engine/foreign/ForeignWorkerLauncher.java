package io.covey.engine.foreign;

import java.io.IOException;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import io.covey.core.manifest.CoveyManifest;
import io.covey.core.manifest.WorkerType;
import io.covey.core.protocol.ChildEnvironment;
import io.covey.core.protocol.ControlAddress;
import io.covey.engine.NamedThreadFactory;
import io.covey.engine.Scheduler;
import io.covey.engine.launch.LaunchRequest;
import io.covey.engine.launch.RunCallbacks;
import io.covey.engine.launch.RunExit;
import io.covey.engine.launch.WorkerLauncher;
import io.covey.engine.launch.WorkerRun;
import io.covey.core.launch.ChildLaunchSettings;

/**
 * Runs each attempt in a child JVM of its own: a lean class path ({@link ChildClassPath}: the child
 * runtime and the worker's classes, or the configured one), covey-child's {@code ChildMain} as main class, and a private control channel back to this
 * launcher. {@link #launch} returns at once; the spawn happens on a launcher thread.
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
    /** Well under Linux's limit of 128 KiB for one environment string. */
    private static final int MAX_WARM_CLASSES_CHARS = 32 * 1024;
    private static final SecureRandom RANDOM = new SecureRandom();

    private final ChildLaunchSettings settings;
    private final Scheduler scheduler;
    private final Map<String, String> hostEnvironment;
    private final String epoch = randomText(16, true);
    private final ThreadPoolExecutor executor = new ThreadPoolExecutor(0, Integer.MAX_VALUE, 5, TimeUnit.SECONDS,
            new SynchronousQueue<>(), new NamedThreadFactory("covey-foreign"));
    private final Set<ForeignRun> live = ConcurrentHashMap.newKeySet();
    private final WarmPool pool;
    /** The worker classes warm children load while they wait, comma-separated; empty until {@link #prepareFor}. */
    private volatile String warmClasses = "";
    /**
     * The manifest's worker classes, whose origins a warm child's lean class path holds; null until
     * {@link #prepareFor}, and a warm child started before it gets the host's class path, so it can run anything.
     */
    private volatile List<Class<?>> workerClasses;
    private ControlServer server;
    private boolean closed;

    public ForeignWorkerLauncher(ChildLaunchSettings settings, Scheduler scheduler) {
        this(settings, scheduler, System.getenv());
    }

    /** @param hostEnvironment the variables children may inherit, filtered by the allow-list */
    public ForeignWorkerLauncher(ChildLaunchSettings settings, Scheduler scheduler, Map<String, String> hostEnvironment) {
        this.settings = Objects.requireNonNull(settings, "settings");
        this.scheduler = Objects.requireNonNull(scheduler, "scheduler");
        this.hostEnvironment = Map.copyOf(hostEnvironment);
        this.pool = settings.warmPool().enabled() ? new WarmPool(this, settings.warmPool()) : null;
    }

    /** Starts filling the warm pool, if there is one, without waiting for it; launches work either way. */
    public void prestart() {
        if (pool != null) {
            pool.refillSoon();
        }
    }

    /**
     * Warm children started from now on load these worker classes while they wait, so that an
     * assignment does not pay for loading its class. Call it before {@link #prestart()} (the
     * host's auto-configuration does; a {@code CoveyManager} calls it when it is built).
     */
    @Override
    public void prepareFor(CoveyManifest manifest) {
        StringBuilder names = new StringBuilder();
        workerClasses = manifest.types().stream().<Class<?>>map(WorkerType::workerClass).toList();
        for (WorkerType type : manifest.types()) {
            String name = type.workerClass().getName();
            if (names.length() + name.length() + 1 > MAX_WARM_CLASSES_CHARS) {
                break; // a hint only: the rest load when assigned
            }
            names.append(names.isEmpty() ? "" : ",").append(name);
        }
        warmClasses = names.toString();
    }

    String warmClasses() {
        return warmClasses;
    }

    List<Class<?>> workerClasses() {
        return workerClasses;
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
        ForeignRun run = new ForeignRun(this, request, callbacks, newSecret());
        WarmChild warm;
        synchronized (this) {
            if (closed) {
                run.reportExit(RunExit.failed("the foreign worker launcher is closed"));
                return run;
            }
            live.add(run);
            warm = pool == null ? null : pool.take();
        }
        if (warm != null) {
            run.adopt(warm);
        } else {
            executor.execute(run::spawn);
        }
        return run;
    }

    /** The runs whose process tree is not gone yet. */
    public List<WorkerRun> liveRuns() {
        return List.copyOf(live);
    }

    /**
     * Kills every child still running and every warm child waiting, waits up to {@link #CLOSE_WAIT} for their trees to be gone,
     * and removes the control socket. The launcher's threads end on their own once idle.
     */
    @Override
    public void close() {
        ControlServer current;
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
            current = server;
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
        if (current != null) {
            current.close();
        }
    }

    // --- for the launcher's runs ---

    synchronized ControlServer server() throws IOException {
        if (closed) {
            throw new IOException("the foreign worker launcher is closed");
        }
        if (server == null) {
            server = new ControlServer(settings, epoch, scheduler);
        }
        return server;
    }

    /** The address children connect to; opens the control socket if needed. */
    ControlAddress controlAddress() throws IOException {
        return server().address();
    }

    String epoch() {
        return epoch;
    }

    ChildLaunchSettings settings() {
        return settings;
    }

    Scheduler scheduler() {
        return scheduler;
    }

    Executor executor() {
        return executor;
    }

    Map<String, String> hostEnvironment() {
        return hostEnvironment;
    }

    Map<String, String> channelEnvironment(ForeignRun run) throws IOException {
        return Map.of(
                ChildEnvironment.CONTROL_ADDRESS, controlAddress().text(),
                ChildEnvironment.SECRET, run.secret(),
                ChildEnvironment.EPOCH, epoch,
                ChildEnvironment.WORKER_ID, run.request().workerId(),
                ChildEnvironment.ATTEMPT, Integer.toString(run.request().attempt()),
                ChildEnvironment.MAX_MESSAGE_BYTES, Integer.toString(settings.maxMessageBytes()));
    }

    void forgetWarm(WarmChild child) {
        ControlServer current;
        synchronized (this) {
            current = server;
        }
        if (current != null) {
            current.forgetWarm(child);
        }
    }

    /** A one-time secret for a child. */
    static String newSecret() {
        return randomText(32, false);
    }

    void forget(ForeignRun run) {
        live.remove(run);
        ControlServer current;
        synchronized (this) {
            current = server;
        }
        if (current != null) {
            current.forget(run);
        }
    }

    private static String randomText(int bytes, boolean hex) {
        byte[] random = new byte[bytes];
        RANDOM.nextBytes(random);
        return hex ? HexFormat.of().formatHex(random) : Base64.getUrlEncoder().withoutPadding().encodeToString(random);
    }
}
