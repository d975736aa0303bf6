package io.covey.engine;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.DoubleSupplier;

import io.covey.core.api.CoveyOperations;
import io.covey.core.api.GroupDiff;
import io.covey.core.api.GroupStatus;
import io.covey.core.api.InputReceipt;
import io.covey.core.api.LogLine;
import io.covey.core.api.WorkerStatus;
import io.covey.core.event.EventFilter;
import io.covey.core.event.EventListener;
import io.covey.core.event.Subscription;
import io.covey.core.manifest.CoveyManifest;
import io.covey.core.spec.CoveyGroup;
import io.covey.core.spec.WorkerDeclaration;
import io.covey.core.spec.WorkerSpec;
import io.covey.core.launch.ChildLaunchSettings;
import io.covey.core.worker.WorkerInput;
import io.covey.engine.foreign.ForeignWorkerLauncher;
import io.covey.engine.logfiles.LogFiles;
import io.covey.engine.inprocess.InProcessLauncher;
import io.covey.engine.journal.EventJournal;
import io.covey.engine.launch.WorkerLauncher;
import tools.jackson.databind.JsonNode;

/**
 * The in-process manager: runs groups of workers, keeps them alive, and reports every change as
 * an event. Thread-safe; all state is owned by one engine thread (see {@link Engine}).
 */
public final class CoveyManager implements CoveyOperations, AutoCloseable {
    private final CoveyManifest manifest;
    private final ManagerSettings settings;
    private final Clock clock;
    private final EventJournal journal;
    private final DroppedEvents droppedEvents = new DroppedEvents();
    /** The manager's own launcher of in-process workers; null when the builder was given one. */
    private final InProcessLauncher ownedInProcessLauncher;
    private final EngineExecutor executor = new EngineExecutor();
    private final Engine engine;
    private final Scheduler scheduler;
    private final ExecutorScheduler ownedScheduler;
    /** The launcher of foreign children when the builder made it (and so this manager closes it); null otherwise. */
    private final ForeignWorkerLauncher ownedForeignLauncher;
    private volatile boolean closed;
    /** The workers' log files, or null. */
    private final LogFiles logFiles;

    private CoveyManager(Builder builder) {
        this.manifest = builder.manifest;
        this.settings = builder.settings;
        this.clock = builder.clock;
        this.ownedScheduler = builder.scheduler == null ? new ExecutorScheduler() : null;
        this.scheduler = builder.scheduler == null ? ownedScheduler : builder.scheduler;
        this.journal = new EventJournal(settings.retainedEvents(), builder.eventLimits.retainedBytes(), clock,
                builder.eventSeqBase);
        this.logFiles = builder.logFiles;
        EngineContext context = new EngineContext(settings, clock, journal, builder.eventLimits, droppedEvents,
                logFiles == null ? WorkerLogSink.NONE : logFiles);
        this.ownedInProcessLauncher = builder.inProcessLauncher == null ? new InProcessLauncher(scheduler) : null;
        WorkerLauncher inProcess = builder.inProcessLauncher != null ? builder.inProcessLauncher : ownedInProcessLauncher;
        this.ownedForeignLauncher = builder.foreignLauncher == null && builder.childSettings != null
                ? new ForeignWorkerLauncher(builder.childSettings, scheduler) : null;
        WorkerLauncher foreign = builder.foreignLauncher != null ? builder.foreignLauncher : ownedForeignLauncher;
        this.engine = new Engine(context, manifest, inProcess, foreign, scheduler, executor, builder.random,
                builder.desiredStateListener);
    }

    public static Builder builder(CoveyManifest manifest) {
        return new Builder(manifest);
    }

    @Override
    public GroupDiff runGroup(CoveyGroup group) {
        Objects.requireNonNull(group, "group");
        return executor.call(() -> engine.declarations().declare(group.name(), group.workers(), true, "declared"));
    }

    @Override
    public GroupDiff dryRunGroup(CoveyGroup group) {
        Objects.requireNonNull(group, "group");
        return executor.call(() -> engine.declarations().dryRun(group.name(), group.workers()));
    }

    @Override
    public GroupDiff addWorkers(String group, List<? extends WorkerDeclaration> workers) {
        List<WorkerSpec> specs = workers.stream().map(WorkerDeclaration::toSpec).toList();
        return executor.call(() -> engine.declarations().declare(group, specs, false, "workers-added"));
    }

    @Override
    public GroupDiff removeWorkers(String group, List<String> workerIds) {
        List<String> ids = List.copyOf(workerIds);
        return executor.call(() -> engine.declarations().remove(group, ids));
    }

    @Override
    public GroupStatus stopGroup(String group) {
        return executor.call(() -> engine.declarations().stopGroup(group));
    }

    @Override
    public void nukeGroup(String group) {
        executor.call(() -> {
            engine.declarations().nukeGroup(group);
            return null;
        });
    }

    @Override
    public List<GroupStatus> groups() {
        return executor.call(() -> engine.declarations().groups());
    }

    @Override
    public GroupStatus group(String name) {
        return executor.call(() -> engine.declarations().group(name));
    }

    @Override
    public WorkerStatus worker(String id) {
        return executor.call(() -> engine.requireSlot(id).snapshot());
    }

    @Override
    public WorkerStatus restartWorker(String id) {
        return executor.call(() -> engine.restart(id));
    }

    @Override
    public WorkerStatus kill(String id) {
        return executor.call(() -> engine.kill(id));
    }

    @Override
    public GroupDiff scale(String id, int instances) {
        return executor.call(() -> engine.declarations().scale(id, instances));
    }

    @Override
    public List<LogLine> logs(String id, int tail) {
        java.util.Map.Entry<LogBuffer, String> slot = executor.call(() -> {
            WorkerSlot found = engine.requireSlot(id);
            return java.util.Map.entry(found.logs, found.group());
        });
        List<LogLine> recent = slot.getKey().tail(tail);
        if (logFiles == null || recent.size() >= tail) {
            return recent;
        }
        // The ring has less than was asked (a host restarted, a ring cut by size): the files may hold more.
        List<LogLine> fromFiles = logFiles.tail(slot.getValue(), id, tail);
        return fromFiles.size() > recent.size() ? fromFiles : recent;
    }

    @Override
    public InputReceipt send(String id, WorkerInput input) {
        Objects.requireNonNull(input, "input");
        return executor.call(() -> engine.send(id, input));
    }

    @Override
    public List<String> workerTypes() {
        return manifest.typeNames();
    }

    @Override
    public Subscription subscribe(long sinceSeq, EventFilter filter, EventListener listener) {
        return journal.subscribe(sinceSeq, filter, listener);
    }

    @Override
    public Subscription subscribe(EventFilter filter, EventListener listener) {
        return journal.subscribe(-1, filter, listener);
    }

    @Override
    public CompletableFuture<JsonNode> result(String id) {
        return executor.call(() -> engine.requireSlot(id).resultView());
    }

    /** See {@link Engine#restore(DesiredState)}; returns the workers that could not be restored. */
    public List<String> restore(DesiredState state) {
        return executor.call(() -> engine.declarations().restore(state));
    }

    public DesiredState desiredState() {
        return executor.call(() -> engine.declarations().desiredState());
    }

    /** Where the event journal stands: its newest seq and the oldest one a {@code since=} can still replay. */
    public EventPosition eventPosition() {
        return new EventPosition(journal.lastSeq(), journal.oldestRetainedSeq());
    }

    /**
     * Threads in-process workers started and left running after their attempt ended (threads cannot
     * be killed), that still run, by worker id; empty with a launcher of the caller's own.
     */
    public java.util.Map<String, Integer> threadsLeftRunning() {
        return ownedInProcessLauncher == null ? java.util.Map.of() : ownedInProcessLauncher.threadsLeftRunning();
    }

    /** Events the workers' rate limits dropped, per group. */
    public DroppedEvents droppedEvents() {
        return droppedEvents;
    }

    /** The event journal: its last seq, retention and subscriber count. */
    public EventJournal journal() {
        return journal;
    }

    public CoveyManifest manifest() {
        return manifest;
    }

    public ManagerSettings settings() {
        return settings;
    }

    public boolean isClosed() {
        return closed;
    }

    /**
     * Stops every worker in parallel, waits for them within the shutdown budget, and releases the
     * manager's threads. Workers still live after the budget are left behind only as abandoned
     * threads; foreign children are killed by their launcher's stop ladder.
     */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        CompletableFuture<Void> drained = executor.call(engine::beginShutdown);
        try {
            drained.get(settings.shutdownBudget().toMillis(), TimeUnit.MILLISECONDS);
        } catch (java.util.concurrent.TimeoutException | java.util.concurrent.ExecutionException e) {
            System.getLogger(CoveyManager.class.getName()).log(System.Logger.Level.WARNING,
                    "workers still running after the shutdown budget of " + settings.shutdownBudget());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (ownedForeignLauncher != null) {
            ownedForeignLauncher.close(); // every child is stopped by now, or is killed here
        }
        try {
            executor.shutdown(2, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (logFiles != null) {
            logFiles.close(); // after the workers: their last lines are written and flushed
        }
        journal.close();
        if (ownedScheduler != null) {
            ownedScheduler.close();
        }
    }

    public static final class Builder {
        private final CoveyManifest manifest;
        private ManagerSettings settings = ManagerSettings.defaults();
        private Clock clock = Clock.systemUTC();
        private Scheduler scheduler;
        private WorkerLauncher foreignLauncher;
        private ChildLaunchSettings childSettings = ChildLaunchSettings.defaults();
        private WorkerLauncher inProcessLauncher;
        private DoubleSupplier random = () -> ThreadLocalRandom.current().nextDouble();
        private Consumer<DesiredState> desiredStateListener = state -> { };
        private long eventSeqBase;
        private EventLimits eventLimits = EventLimits.defaults();
        private LogFiles logFiles;

        private Builder(CoveyManifest manifest) {
            this.manifest = Objects.requireNonNull(manifest, "manifest");
        }

        public Builder settings(ManagerSettings settings) {
            this.settings = Objects.requireNonNull(settings, "settings");
            return this;
        }

        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        /** The timer source; without one the manager runs its own timer thread. */
        public Builder scheduler(Scheduler scheduler) {
            this.scheduler = scheduler;
            return this;
        }

        /**
         * How the manager's own launcher starts foreign workers' child JVMs; {@link ChildLaunchSettings#defaults()}
         * unless set. The launcher opens its control socket and fills its warm pool at the first foreign
         * launch, not before, and {@link #close()} ends it with every child.
         */
        public Builder foreignChildren(ChildLaunchSettings settings) {
            this.childSettings = Objects.requireNonNull(settings, "settings");
            return this;
        }

        /** A manager of threads only: {@code foreign: true} declarations (the default) are refused with a 400-style error. */
        public Builder noForeignChildren() {
            this.childSettings = null;
            this.foreignLauncher = null;
            return this;
        }

        /**
         * Launches foreign workers with this launcher instead of one of the manager's own; the caller
         * owns it and closes it after the manager. Null means the manager's own (see {@link #foreignChildren}).
         */
        public Builder foreignLauncher(WorkerLauncher launcher) {
            this.foreignLauncher = launcher;
            return this;
        }

        public Builder inProcessLauncher(WorkerLauncher launcher) {
            this.inProcessLauncher = launcher;
            return this;
        }

        /** The source of backoff jitter, a value in [0, 1). */
        public Builder random(DoubleSupplier random) {
            this.random = Objects.requireNonNull(random, "random");
            return this;
        }

        /**
         * Told on the engine thread, after every change of the declarations and every new
         * result, what the manager should run; keep it cheap (hand it to another thread).
         */
        public Builder onDesiredStateChange(Consumer<DesiredState> listener) {
            this.desiredStateListener = Objects.requireNonNull(listener, "listener");
            return this;
        }

        /**
         * Numbers events from {@code lastSeq + 1}: a host restarted from saved state passes the
         * last seq of its previous run, so event seqs never repeat across restarts.
         */
        public Builder eventSeqAfter(long lastSeq) {
            this.eventSeqBase = lastSeq;
            return this;
        }

        /** What bounds the journal's memory and each worker's events; {@link EventLimits#defaults()} unless set. */
        public Builder eventLimits(EventLimits limits) {
            this.eventLimits = Objects.requireNonNull(limits, "limits");
            return this;
        }

        /**
         * Writes every worker's log lines to files as well (see {@link LogFiles}), which {@code logs()} reads
         * when a worker's ring holds fewer lines than asked for; {@link #close()} closes them last.
         */
        public Builder logFiles(LogFiles files) {
            this.logFiles = files;
            return this;
        }

        public CoveyManager build() {
            return new CoveyManager(this);
        }
    }

    /** How long {@link #close()} may take at most. */
    public Duration shutdownBudget() {
        return settings.shutdownBudget();
    }
}
