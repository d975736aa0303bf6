package io.covey.engine.foreign;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;

import io.covey.core.json.Durations;
import io.covey.core.lifecycle.CrashReason;
import io.covey.core.launch.AttemptId;
import io.covey.core.protocol.ControlChannel;
import io.covey.core.worker.WorkerHealth;
import io.covey.core.worker.WorkerInput;
import io.covey.engine.Scheduler;
import io.covey.engine.launch.LaunchRequest;
import io.covey.engine.launch.RunCallbacks;
import io.covey.engine.launch.RunExit;
import io.covey.engine.launch.WorkerRun;

/**
 * One attempt of a foreign worker: its child JVM, the child's descendants, its output and its
 * control channel. It reports facts (what the worker said, how the process tree ended) and never
 * decides what they mean. Everything it needs comes with its {@link LaunchContext}; it knows
 * nothing of the launcher that made it.
 * <p>
 * The stop ladder ({@link StopStep}): the stop message; after the stop timeout SIGTERM to the
 * child; after the kill grace SIGKILL to the child and every descendant seen. The end is reported
 * once the child and every known descendant are gone and the output pipes are drained (each wait
 * bounded, so one unkillable process cannot hold the engine forever).
 */
final class ForeignRun implements WorkerRun {
    private static final Duration TREE_WAIT = Duration.ofSeconds(10);
    private static final Duration DRAIN_WAIT = Duration.ofSeconds(2);

    private final AttemptId id;
    private final LaunchRequest request;
    private final RunCallbacks callbacks;
    private final LaunchContext context;
    private final ExpectedChild expected;
    private final ControlSession session;
    private final AtomicBoolean exitReported = new AtomicBoolean();
    private final CompletableFuture<RunExit> ended = new CompletableFuture<>();
    private final List<Scheduler.Cancellable> timers = new ArrayList<>();
    private final TreeUsageSampler usage = new TreeUsageSampler();

    private volatile long helloNanos;
    private volatile long printedWhileWaiting;
    private volatile ChildProcess child;
    /** The server that waits for this child's hello, once it does. */
    private volatile ControlServer server;
    // Guarded by this.
    private StopStep step = StopStep.NONE;
    private Duration stopTimeout;
    private String killReason;
    private CrashReason killCause;

    ForeignRun(LaunchRequest request, RunCallbacks callbacks, String secret, LaunchContext context) {
        this.id = request.attemptId();
        this.request = request;
        this.callbacks = callbacks;
        this.context = context;
        this.expected = new ExpectedChild("child " + id, secret, this::serve,
                reason -> callbacks.log("covey", "refused a control connection that claimed to be this worker: " + reason));
        this.session = new ControlSession(request, callbacks, context.settings());
    }

    /** Completes with the exit once it has been reported. */
    CompletableFuture<RunExit> ended() {
        return ended;
    }

    /** Whether the exit has been reported (from just before the callbacks hear of it). */
    boolean hasEnded() {
        return exitReported.get();
    }

    @Override
    public Long pid() {
        ChildProcess current = child;
        return current == null ? null : current.pid();
    }

    /** Runs on a launcher thread: builds the command, starts the child, starts draining at once. */
    void spawn() {
        String killedEarly;
        synchronized (this) {
            killedEarly = step == StopStep.KILLED ? killReason : null;
        }
        if (killedEarly != null) {
            reportExit(new RunExit(killedEarly, null, null, true));
            return;
        }
        ControlServer opened;
        ChildCommand command;
        try {
            opened = context.endpoint().open();
            command = context.template().cold(request, expected.secret(), opened.address());
        } catch (IOException | RuntimeException e) {
            reportExit(RunExit.spawnFailed("cannot prepare the child JVM: " + e.getMessage()));
            return;
        }
        server = opened;
        opened.expect(id, expected);
        ChildProcess started;
        try {
            started = ChildProcess.start(command, callbacks, id.toString());
        } catch (IOException e) {
            opened.forget(id, expected);
            reportExit(RunExit.spawnFailed("cannot start the child JVM: " + e.getMessage()));
            return;
        }
        expected.spawned(started.pid());
        attach(started);
    }

    /**
     * Takes over a child of the warm pool, just taken, on the caller's thread: bookkeeping, and the
     * assign when it is small enough to be written without waiting (see
     * {@link ControlSession#sendAssignNow}); then the child's connection thread sends the assign if
     * that did not, and serves the channel.
     */
    void adopt(WarmChild warm) {
        attach(warm.process());
        printedWhileWaiting = warm.output().attach(callbacks);
        session.sendAssignNow(warm.channel());
        warm.handOver(this::serveAssigned);
    }

    /** The child exists: watch it, and apply a kill or stop asked before it did. */
    private void attach(ChildProcess started) {
        session.heard();
        StopStep before;
        synchronized (this) {
            child = started;
            before = step;
        }
        started.onExit().whenCompleteAsync((p, error) -> onProcessExit(), context.executor());
        scheduleWatchdog();
        if (TreeUsageSampler.available()) {
            addTimer(context.settings().usageSampleInterval(), this::sampleUsage);
        }
        if (before == StopStep.KILLED) {
            started.tree().killAll();
        } else if (before == StopStep.STOP_SENT) {
            scheduleTerminate();
        }
    }

    /** The control server's call once the hello checked out; serves the channel on the caller's thread. */
    private void serve(ControlChannel channel) {
        helloNanos = System.nanoTime();
        killIfBroken(session.serve(channel, false));
    }

    /** On a warm child's connection thread once this run took it: sends the assign if {@link #adopt} did not, and serves the channel. */
    private void serveAssigned(ControlChannel channel) {
        if (printedWhileWaiting > 0) {
            callbacks.log("covey", "this child printed " + printedWhileWaiting + " lines while it waited in the warm pool"
                    + " (the first " + OutputHandover.LOGGED_LINES + " are in the host's log)");
        }
        synchronized (this) {
            if (step == StopStep.KILLED) {
                channel.close(); // killed before it got its work; its exit tells the rest
                return;
            }
        }
        killIfBroken(session.serve(channel, true));
    }

    private void killIfBroken(String breach) {
        if (breach != null) {
            kill(breach);
        }
    }

    @Override
    public void stop(Duration timeout) {
        boolean hasProcess;
        synchronized (this) {
            if (step != StopStep.NONE || gone()) {
                return;
            }
            step = StopStep.STOP_SENT;
            stopTimeout = timeout;
            hasProcess = child != null;
        }
        context.executor().execute(session::askStop);
        if (hasProcess) {
            scheduleTerminate();
        }
    }

    /** Over the control channel; the child calls {@code checkHealth()} on a thread of its own. */
    @Override
    public CompletableFuture<WorkerHealth> checkHealth() {
        return session.checkHealth(context.executor());
    }

    /** Over the control channel, in order; the child hands each input to {@code onInput} and says when it is done. */
    @Override
    public void deliver(WorkerInput input) {
        session.deliver(input, context.executor());
    }

    @Override
    public void kill(String reason) {
        kill(reason, null);
    }

    /** @param cause what the kill is for, when it says more than "killed" */
    private void kill(String reason, CrashReason cause) {
        ChildProcess current;
        synchronized (this) {
            if (gone()) {
                return;
            }
            if (step != StopStep.KILLED) {
                step = StopStep.KILLED;
                killReason = reason;
                killCause = cause;
            }
            current = child;
        }
        if (current != null) {
            context.executor().execute(current.tree()::killAll);
        }
    }

    /** Whether there is nothing left to stop or kill: the exit was reported, or the child's process ended. */
    private boolean gone() {
        ChildProcess current = child;
        return exitReported.get() || current != null && current.hasExited();
    }

    private void scheduleTerminate() {
        Duration timeout;
        synchronized (this) {
            timeout = stopTimeout;
        }
        addTimer(timeout, this::terminate);
    }

    private void terminate() {
        synchronized (this) {
            if (step != StopStep.STOP_SENT || gone()) {
                return;
            }
            step = StopStep.SIGTERM_SENT;
        }
        child.tree().refresh();
        child.tree().terminateRoot();
        addTimer(context.settings().killGrace(), this::killForStop);
    }

    private void killForStop() {
        synchronized (this) {
            if (step != StopStep.SIGTERM_SENT || gone()) {
                return;
            }
            step = StopStep.SIGKILL_SENT;
        }
        child.tree().killAll();
    }

    private void scheduleWatchdog() {
        Duration tick = context.settings().heartbeatInterval().dividedBy(2);
        addTimer(tick.compareTo(Duration.ofMillis(100)) < 0 ? Duration.ofMillis(100) : tick, this::watchdog);
    }

    private void watchdog() {
        if (gone()) {
            return;
        }
        child.tree().refresh();
        Duration limit = context.settings().unresponsiveAfter();
        if (session.silence().compareTo(limit) > 0) {
            kill(session.connected()
                    ? "unresponsive: no heartbeat for " + Durations.format(limit)
                    : "unresponsive: no handshake within " + Durations.format(limit), CrashReason.UNRESPONSIVE);
            return;
        }
        scheduleWatchdog();
    }

    /** Reads the tree's memory and CPU (the descendants found anew each time) and tells the engine, which judges maxMemory. */
    private void sampleUsage() {
        if (gone()) {
            return;
        }
        ProcessTree tree = child.tree();
        tree.refresh();
        usage.sample(tree.root(), tree.knownDescendants()).ifPresent(callbacks::usage);
        addTimer(context.settings().usageSampleInterval(), this::sampleUsage);
    }

    private void addTimer(Duration delay, Runnable task) {
        synchronized (timers) {
            timers.add(context.later(delay, task));
        }
    }

    private void onProcessExit() {
        synchronized (timers) {
            timers.forEach(Scheduler.Cancellable::cancel);
            timers.clear();
        }
        ProcessTree tree = child.tree();
        int code = child.exitCode();
        tree.killDescendants(); // the child is gone; whatever it left behind goes too
        within(tree.allGone(context.scheduler()), TREE_WAIT)
                .thenRun(() -> noteSurvivors(tree))
                .thenCompose(ignored -> within(CompletableFuture.allOf(child.drained(), session.drained()),
                        DRAIN_WAIT))
                .whenCompleteAsync((ignored, error) -> reportExit(describeExit(code)), context.executor());
    }

    private void noteSurvivors(ProcessTree tree) {
        var survivors = tree.livingDescendants();
        if (!survivors.isEmpty()) {
            callbacks.log("covey", "processes " + survivors + " of this worker survived SIGKILL for "
                    + Durations.format(TREE_WAIT) + " (stuck in the kernel?); reporting the end anyway");
        }
    }

    private CompletableFuture<Void> within(CompletableFuture<?> future, Duration limit) {
        CompletableFuture<Void> bounded = new CompletableFuture<>();
        Scheduler.Cancellable timeout = context.scheduler().schedule(limit, () -> bounded.complete(null));
        future.whenComplete((value, error) -> {
            timeout.cancel();
            bounded.complete(null);
        });
        return bounded;
    }

    private RunExit describeExit(int code) {
        synchronized (this) {
            return new ChildEnd(code, step, killReason, stopTimeout, context.settings().killGrace(), session.verdict(),
                    session.connected(), child.stderrTail(), killCause, child.outOfMemory()).toRunExit();
        }
    }

    /** The one way out: tells the engine once, and lets go of the channel and the server's expectation. */
    void reportExit(RunExit exit) {
        if (exitReported.compareAndSet(false, true)) {
            ControlServer registered = server;
            if (registered != null) {
                registered.forget(id, expected);
            }
            session.close();
            try {
                callbacks.exited(exit);
            } finally {
                ended.complete(exit);
            }
        }
    }

    /** How long the child took from its spawn to a hello that checked out; null before that. */
    Duration spawnToHello() {
        long hello = helloNanos;
        ChildProcess current = child;
        return hello == 0 || current == null ? null : Duration.ofNanos(hello - current.startedNanos());
    }

    @Override
    public String toString() {
        return "ForeignRun[" + id + ", pid " + pid() + "]";
    }
}
