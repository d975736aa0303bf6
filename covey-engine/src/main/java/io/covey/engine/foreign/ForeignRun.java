package io.covey.engine.foreign;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;

import io.covey.core.json.Durations;
import io.covey.core.protocol.ControlChannel;
import io.covey.core.worker.WorkerHealth;
import io.covey.engine.Scheduler;
import io.covey.engine.launch.LaunchRequest;
import io.covey.engine.launch.RunCallbacks;
import io.covey.engine.launch.RunExit;
import io.covey.engine.launch.WorkerRun;

/**
 * One attempt of a foreign worker: its child JVM, the child's descendants, its output and its
 * control channel. It reports facts (what the worker said, how the process tree ended) and never
 * decides what they mean.
 * <p>
 * The stop ladder: the stop message; after the stop timeout SIGTERM to the child; after the kill
 * grace SIGKILL to the child and every descendant seen. The end is reported once the child and
 * every known descendant are gone and the output pipes are drained (each wait bounded, so one
 * unkillable process cannot hold the engine forever).
 */
final class ForeignRun implements WorkerRun {
    private static final Duration TREE_WAIT = Duration.ofSeconds(10);
    private static final Duration DRAIN_WAIT = Duration.ofSeconds(2);

    private final ForeignWorkerLauncher launcher;
    private final LaunchRequest request;
    private final RunCallbacks callbacks;
    private final String secret;
    private final AtomicBoolean channelClaimed = new AtomicBoolean();
    private final AtomicBoolean exitReported = new AtomicBoolean();
    private final CompletableFuture<RunExit> ended = new CompletableFuture<>();
    private final List<Scheduler.Cancellable> timers = new ArrayList<>();
    private final ControlSession session;

    private volatile long helloNanos;
    private volatile long printedWhileWaiting;
    private volatile ChildProcess child;
    private volatile ProcessTree tree;
    // Guarded by this.
    private boolean stopRequested;
    private Duration stopTimeout;
    private String killReason;
    private boolean terminated;
    private boolean killedForStop;
    private boolean processExited;

    ForeignRun(ForeignWorkerLauncher launcher, LaunchRequest request, RunCallbacks callbacks, String secret) {
        this.launcher = launcher;
        this.request = request;
        this.callbacks = callbacks;
        this.secret = secret;
        this.session = new ControlSession(this, request, callbacks, launcher.settings());
    }

    LaunchRequest request() {
        return request;
    }

    /** Completes with the exit once it has been reported. */
    CompletableFuture<RunExit> ended() {
        return ended;
    }

    String identity() {
        return request.workerId() + "#" + request.attempt();
    }

    String secret() {
        return secret;
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
            killedEarly = killReason;
        }
        if (killedEarly != null) {
            reportExit(new RunExit(killedEarly, null, null, true));
            return;
        }
        ControlServer server;
        ChildCommand command;
        try {
            server = launcher.server();
            command = ChildCommand.of(launcher.settings(), request, launcher.hostEnvironment(), launcher.channelEnvironment(this));
        } catch (IOException | RuntimeException e) {
            reportExit(RunExit.failed("cannot prepare the child JVM: " + e.getMessage()));
            return;
        }
        server.expect(this);
        ChildProcess started;
        try {
            started = ChildProcess.start(command, callbacks, identity());
        } catch (IOException e) {
            server.forget(this);
            reportExit(RunExit.failed("cannot start the child JVM: " + e.getMessage()));
            return;
        }
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
        warm.handOver(this);
    }

    /** The child exists: watch it, and apply a kill or stop asked before it did. */
    private void attach(ChildProcess started) {
        session.heard();
        tree = started.tree();
        boolean killNow;
        boolean ladder;
        synchronized (this) {
            child = started;
            killNow = killReason != null;
            ladder = stopRequested;
        }
        started.onExit().whenCompleteAsync((p, error) -> onProcessExit(), launcher.executor());
        scheduleWatchdog();
        if (killNow) {
            tree.killAll();
        } else if (ladder) {
            scheduleTerminate();
        }
    }

    /** Called by the control server once the hello checked out; serves the channel on the caller's thread. */
    void serve(ControlChannel channel) {
        helloNanos = System.nanoTime();
        session.serve(channel, false);
    }

    /** Called on a warm child's connection thread once this run took it: sends the assign if {@link #adopt} did not, and serves the channel. */
    void serveAssigned(ControlChannel channel) {
        if (printedWhileWaiting > 0) {
            callbacks.log("covey", "this child printed " + printedWhileWaiting + " lines while it waited in the warm pool"
                    + " (the first " + OutputHandover.LOGGED_LINES + " are in the host's log)");
        }
        synchronized (this) {
            if (killReason != null) {
                channel.close(); // killed before it got its work; its exit tells the rest
                return;
            }
        }
        session.serve(channel, true);
    }

    boolean claimChannel() {
        return channelClaimed.compareAndSet(false, true);
    }

    void noteRefusedConnection(String reason) {
        callbacks.log("covey", "refused a control connection that claimed to be this worker: " + reason);
    }

    synchronized boolean stopRequested() {
        return stopRequested;
    }

    @Override
    public void stop(Duration timeout) {
        boolean hasProcess;
        synchronized (this) {
            if (stopRequested || killReason != null || processExited || exitReported.get()) {
                return;
            }
            stopRequested = true;
            stopTimeout = timeout;
            hasProcess = child != null;
        }
        launcher.executor().execute(session::sendStop);
        if (hasProcess) {
            scheduleTerminate();
        }
    }

    /** Over the control channel; the child calls {@code checkHealth()} on a thread of its own. */
    @Override
    public CompletableFuture<WorkerHealth> checkHealth() {
        return session.checkHealth(launcher.executor());
    }

    @Override
    public void kill(String reason) {
        boolean hasProcess;
        synchronized (this) {
            if (processExited || exitReported.get()) {
                return;
            }
            if (killReason == null) {
                killReason = reason;
            }
            hasProcess = child != null;
        }
        if (hasProcess) {
            launcher.executor().execute(tree::killAll);
        }
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
            if (processExited || killReason != null) {
                return;
            }
            terminated = true;
        }
        tree.refresh();
        tree.terminateRoot();
        addTimer(launcher.settings().killGrace(), this::killForStop);
    }

    private void killForStop() {
        synchronized (this) {
            if (processExited || killReason != null) {
                return;
            }
            killedForStop = true;
        }
        tree.killAll();
    }

    private void scheduleWatchdog() {
        Duration tick = launcher.settings().heartbeatInterval().dividedBy(2);
        addTimer(tick.compareTo(Duration.ofMillis(100)) < 0 ? Duration.ofMillis(100) : tick, this::watchdog);
    }

    private void watchdog() {
        synchronized (this) {
            if (processExited) {
                return;
            }
        }
        tree.refresh();
        Duration limit = launcher.settings().unresponsiveAfter();
        if (session.silence().compareTo(limit) > 0) {
            kill(session.connected()
                    ? "unresponsive: no heartbeat for " + Durations.format(limit)
                    : "unresponsive: no handshake within " + Durations.format(limit));
            return;
        }
        scheduleWatchdog();
    }

    /** Timers only hand work on to the launcher's threads. */
    private void addTimer(Duration delay, Runnable task) {
        synchronized (timers) {
            timers.add(launcher.scheduler().schedule(delay, () -> launcher.executor().execute(task)));
        }
    }

    private void onProcessExit() {
        synchronized (this) {
            processExited = true;
        }
        synchronized (timers) {
            timers.forEach(Scheduler.Cancellable::cancel);
            timers.clear();
        }
        int code = child.exitCode();
        tree.killDescendants(); // the child is gone; whatever it left behind goes too
        within(tree.allGone(), TREE_WAIT)
                .thenRun(this::noteSurvivors)
                .thenCompose(ignored -> within(CompletableFuture.allOf(child.drained(), session.drained()),
                        DRAIN_WAIT))
                .whenCompleteAsync((ignored, error) -> reportExit(describeExit(code)), launcher.executor());
    }

    private void noteSurvivors() {
        var survivors = tree.livingDescendants();
        if (!survivors.isEmpty()) {
            callbacks.log("covey", "processes " + survivors + " of this worker survived SIGKILL for "
                    + Durations.format(TREE_WAIT) + " (stuck in the kernel?); reporting the end anyway");
        }
    }

    private CompletableFuture<Void> within(CompletableFuture<?> future, Duration limit) {
        CompletableFuture<Void> bounded = new CompletableFuture<>();
        Scheduler.Cancellable timeout = launcher.scheduler().schedule(limit, () -> bounded.complete(null));
        future.whenComplete((value, error) -> {
            timeout.cancel();
            bounded.complete(null);
        });
        return bounded;
    }

    private RunExit describeExit(int code) {
        synchronized (this) {
            return new ChildEnd(code, killReason, terminated, killedForStop, stopTimeout, launcher.settings().killGrace(),
                    session.verdict(), session.connected(), child.stderrTail()).toRunExit();
        }
    }

    /** The one way out: tells the engine once, and lets go of the channel and the launcher's bookkeeping. */
    void reportExit(RunExit exit) {
        if (exitReported.compareAndSet(false, true)) {
            launcher.forget(this);
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
        return "ForeignRun[" + identity() + ", pid " + pid() + "]";
    }
}
