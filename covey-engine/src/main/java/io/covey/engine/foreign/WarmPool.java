package io.covey.engine.foreign;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.atomic.AtomicLong;

import io.covey.core.json.Durations;
import io.covey.core.launch.ChildLaunchSettings;
import io.covey.core.manifest.CoveyManifest;
import io.covey.core.manifest.WorkerType;
import io.covey.engine.Scheduler;

/**
 * Child JVMs started ahead of need for one launcher (one java, one set of JVM options, one class
 * path), each waiting to run one worker once. {@link #take()} never blocks and never starts
 * anything: it hands out a ready child or says there is none, and the pool refills on the
 * launcher's threads. Until {@link #prepareFor} it does not know the worker types, and its
 * children get the host's class path, so they can run anything.
 * <p>
 * A child that dies before it is ready is a failed start: the pool then waits (1 s, doubling to
 * 60 s) before it tries again, so a broken JVM option cannot make it spawn in a loop; meanwhile
 * workers start cold and report the real error themselves.
 */
final class WarmPool {
    private static final System.Logger LOG = System.getLogger(WarmPool.class.getName());
    private static final Duration FIRST_RETRY = Duration.ofSeconds(1);
    private static final Duration MAX_RETRY = Duration.ofSeconds(60);
    static final int MAX_STARTING = Math.max(2, Runtime.getRuntime().availableProcessors());
    /** Well under Linux's limit of 128 KiB for one environment string. */
    private static final int MAX_WARM_CLASSES_CHARS = 32 * 1024;

    private final LaunchContext context;
    private final ChildLaunchSettings.WarmPool config;
    /** Children not handed out yet, ready or not. */
    private final Set<WarmChild> children = ConcurrentHashMap.newKeySet();
    private final ConcurrentLinkedDeque<WarmChild> ready = new ConcurrentLinkedDeque<>();
    private final AtomicLong slots = new AtomicLong();
    private final AtomicLong hits = new AtomicLong();
    private final AtomicLong misses = new AtomicLong();
    private final AtomicLong retired = new AtomicLong();
    private final List<CompletableFuture<?>> exits = new ArrayList<>();
    /** The manifest's worker classes, whose origins a warm child's lean class path holds; null until {@link #prepareFor}. */
    private volatile List<Class<?>> workerClasses;
    /** The worker classes warm children load while they wait, comma-separated; empty until {@link #prepareFor}. */
    private volatile String warmClasses = "";
    // Guarded by this.
    private boolean closed;
    private int failures;
    private Scheduler.Cancellable retry;

    WarmPool(ChildLaunchSettings.WarmPool config, LaunchContext context) {
        this.config = config;
        this.context = context;
    }

    /** Children started from now on are made for these worker types and load their classes while they wait. */
    void prepareFor(CoveyManifest manifest) {
        StringBuilder names = new StringBuilder();
        for (WorkerType type : manifest.types()) {
            String name = type.workerClass().getName();
            if (names.length() + name.length() + 1 > MAX_WARM_CLASSES_CHARS) {
                break; // a hint only: the rest load when assigned
            }
            names.append(names.isEmpty() ? "" : ",").append(name);
        }
        warmClasses = names.toString();
        workerClasses = manifest.types().stream().<Class<?>>map(WorkerType::workerClass).toList();
    }

    /** A ready child, now taken, or null when none waits. Also asks for a refill: never blocks. */
    WarmChild take() {
        WarmChild child;
        while ((child = ready.pollFirst()) != null) {
            if (child.take()) {
                children.remove(child);
                hits.incrementAndGet();
                refillSoon();
                return child;
            }
        }
        misses.incrementAndGet();
        refillSoon();
        return null;
    }

    void refillSoon() {
        context.executor().execute(this::refill);
    }

    WarmPoolStats stats() {
        int waiting = ready.size();
        return new WarmPoolStats(config.size(), waiting, Math.max(0, children.size() - waiting), hits.get(), misses.get(),
                retired.get());
    }

    /** The pids of the children ready now, oldest first. */
    List<Long> waitingPids() {
        return ready.stream().map(WarmChild::pid).toList();
    }

    /**
     * Starts children until the pool is full, but never more than {@link #MAX_STARTING} at once: a
     * JVM start takes a core for a moment, and twenty of them together would starve the host and
     * its running workers (and miss their own ready deadline). Each ready child or exit refills again.
     */
    private synchronized void refill() {
        while (!closed && retry == null && children.size() < config.size() && children.size() - ready.size() < MAX_STARTING) {
            if (!startOne()) {
                return;
            }
        }
    }

    private boolean startOne() {
        WarmChild child = new WarmChild(slots.incrementAndGet(), Secrets.oneTime(), this::ready, LOG);
        try {
            ControlServer server = context.endpoint().open();
            ChildCommand command = context.template().warm(child.slot(), child.name(), workerClasses, warmClasses,
                    child.secret(), server.address());
            server.expectWarm(child.slot(), child.expected());
            children.add(child);
            child.start(command);
        } catch (IOException | RuntimeException e) {
            forget(child);
            failed(child, "cannot start it: " + e.getMessage());
            return false;
        }
        exits.removeIf(CompletableFuture::isDone);
        exits.add(child.process().onExit().whenCompleteAsync((p, error) -> onExit(child), context.executor()));
        Duration limit = context.settings().unresponsiveAfter();
        context.scheduler().schedule(limit, () -> {
            if (child.state() == WarmChild.State.STARTING && child.retire()) {
                LOG.log(System.Logger.Level.WARNING, child.name() + " was not ready within " + Durations.format(limit) + "; killed it");
            }
        });
        return true;
    }

    /** Called on the child's connection thread once it said it is ready. */
    void ready(WarmChild child) {
        synchronized (this) {
            failures = 0;
        }
        ready.addLast(child);
        refillSoon();
        Duration idle = config.idleLimit();
        if (!idle.isZero()) {
            context.later(idle, () -> {
                if (child.retire()) {
                    retired.incrementAndGet();
                    forget(child);
                    refillSoon();
                }
            });
        }
    }

    private void onExit(WarmChild child) {
        child.exited();
        if (child.state() == WarmChild.State.ASSIGNED) {
            return; // its run reports the end
        }
        forget(child);
        if (!child.wasReady()) {
            failed(child, "it exited with code " + child.process().exitCode() + " before it was ready: "
                    + String.join(" | ", child.process().stderrTail()));
        }
        refillSoon();
    }

    private void forget(WarmChild child) {
        children.remove(child);
        ready.remove(child);
        ControlServer server = context.endpoint().current();
        if (server != null) {
            server.forgetWarm(child.slot(), child.expected());
        }
    }

    private void failed(WarmChild child, String reason) {
        Duration delay;
        synchronized (this) {
            if (closed) {
                return;
            }
            failures++;
            delay = FIRST_RETRY.multipliedBy(1L << Math.min(failures - 1, 6));
            delay = delay.compareTo(MAX_RETRY) > 0 ? MAX_RETRY : delay;
            if (retry != null) {
                return;
            }
            retry = context.scheduler().schedule(delay, () -> {
                synchronized (this) {
                    retry = null;
                }
                refillSoon();
            });
        }
        LOG.log(System.Logger.Level.WARNING, "warm pool: " + child.name() + " failed (" + reason + "); foreign workers start cold,"
                + " next try in " + Durations.format(delay));
    }

    /** Kills every child not handed out; completes when their processes are gone. */
    CompletableFuture<Void> close() {
        List<CompletableFuture<?>> pending;
        synchronized (this) {
            closed = true;
            if (retry != null) {
                retry.cancel();
                retry = null;
            }
            pending = new ArrayList<>(exits);
        }
        List.copyOf(children).forEach(WarmChild::retire);
        return CompletableFuture.allOf(pending.toArray(CompletableFuture[]::new));
    }
}
