package io.covey.engine.inprocess;

import static io.covey.core.worker.WorkerAttempt.describe;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicBoolean;

import io.covey.core.json.CoveyJson;
import io.covey.core.json.Durations;
import io.covey.core.worker.CoveyWorker;
import io.covey.core.worker.HealthCheckRunner;
import io.covey.core.worker.InputDelivery;
import io.covey.core.worker.StatusCall;
import io.covey.core.worker.WorkerAttempt;
import io.covey.core.worker.WorkerHealth;
import io.covey.core.worker.WorkerInput;
import io.covey.core.worker.WorkerReporter;
import io.covey.engine.Scheduler;
import io.covey.engine.launch.LaunchRequest;
import io.covey.engine.launch.RunCallbacks;
import io.covey.engine.launch.RunExit;
import io.covey.engine.launch.StatusReport;
import io.covey.engine.launch.WorkerRun;
import tools.jackson.databind.JsonNode;

/**
 * One attempt of an in-process worker: constructed and run on a thread of its own, stopped with
 * {@code stopWorker()} on another, then interrupted, then abandoned after the stop timeout (a
 * thread cannot be killed; the attempt is reported as forced and its late calls are ignored).
 * <p>
 * When the attempt ends is {@link WorkerAttempt}'s rule, shared with the child JVM of a foreign worker.
 * <p>
 * {@code runWorker()} runs on a pooled thread, which goes on to run other workers once this
 * attempt returns; so the thread is only interrupted while it still runs this attempt (both
 * under this run's lock), and its interrupt flag is cleared before it is handed back.
 */
final class InProcessRun implements WorkerRun, WorkerReporter {
    private final LaunchRequest request;
    private final RunCallbacks callbacks;
    private final Scheduler scheduler;
    private final Executor runThreads;
    private final AtomicBoolean ended = new AtomicBoolean();
    /** The pooled thread while it runs this attempt's body; null before and after. Guarded by {@code this}. */
    private Thread runThread;
    private volatile Thread stopThread;
    private final WorkerAttempt attempt = new WorkerAttempt(new WorkerAttempt.Outcome() {
        @Override
        public void end(String failure) {
            InProcessRun.this.end(failure == null ? RunExit.normal() : RunExit.failed(failure));
        }

        @Override
        public void note(String line) {
            callbacks.log("covey", line);
        }

        @Override
        public void interruptRun() {
            interruptRunThread();
        }
    });
    private volatile Scheduler.Cancellable stopDeadline;
    private final HealthCheckRunner healthChecks;
    private final InputDelivery inputs;

    private final WorkerThreads workerThreads;
    /** The run thread's group and what lived in it before this attempt: what is new there at the end, it left. */
    private volatile ThreadGroup runGroup;
    private volatile java.util.Set<Thread> threadsBefore = java.util.Set.of();

    InProcessRun(LaunchRequest request, RunCallbacks callbacks, Scheduler scheduler, Executor runThreads,
                 Executor healthExecutor, WorkerThreads workerThreads) {
        this.workerThreads = workerThreads;
        this.request = request;
        this.callbacks = callbacks;
        this.scheduler = scheduler;
        this.runThreads = runThreads;
        this.healthChecks = new HealthCheckRunner(healthExecutor);
        this.inputs = new InputDelivery(runThreads, line -> callbacks.log("covey", line));
    }

    void start() {
        runThreads.execute(this::onPooledThread);
    }

    private void onPooledThread() {
        Thread thread = Thread.currentThread();
        String poolName = thread.getName();
        // What a worker may change on its thread and the next worker on it must not inherit (its
        // ThreadLocals cannot be reset from outside: a worker that sets one should remove it).
        ClassLoader poolLoader = thread.getContextClassLoader();
        int poolPriority = thread.getPriority();
        Thread.UncaughtExceptionHandler poolHandler = thread.getUncaughtExceptionHandler() == thread.getThreadGroup()
                ? null : thread.getUncaughtExceptionHandler();
        // Named after the worker while it runs it, so thread dumps still say whose thread is whose.
        thread.setName("covey-worker-" + request.attemptId());
        threadsBefore = WorkerThreads.groupOfCurrentThread();
        runGroup = thread.getThreadGroup();
        synchronized (this) {
            runThread = thread;
        }
        try {
            runBody();
        } finally {
            synchronized (this) {
                runThread = null;
            }
            Thread.interrupted(); // an interrupt meant for this attempt must not reach the next one
            thread.setName(poolName);
            thread.setContextClassLoader(poolLoader);
            thread.setPriority(poolPriority);
            thread.setUncaughtExceptionHandler(poolHandler);
        }
    }

    private void runBody() {
        attempt.run(() -> {
                    CoveyWorker<?> worker = request.type().instantiate(request.params());
                    worker.attachInstance(request.instance());
                    return worker;
                },
                t -> "the worker's constructor threw " + describe(t), this);
    }

    @Override
    public Long pid() {
        return null;
    }

    @Override
    public void stop(Duration timeout) {
        if (ended.get() || !attempt.askStop()) {
            return;
        }
        stopDeadline = scheduler.schedule(timeout, () -> {
            if (!ended.get()) {
                end(new RunExit("the worker refused to stop within " + Durations.format(timeout)
                        + "; its thread was interrupted and abandoned", null, null, true));
                interruptAll();
            }
        });
        Thread thread = new Thread(attempt::stop, "covey-stop-" + request.attemptId());
        thread.setDaemon(true);
        stopThread = thread;
        thread.start();
    }

    @Override
    public CompletableFuture<WorkerHealth> checkHealth() {
        CoveyWorker<?> instance = attempt.worker();
        if (instance == null || ended.get()) {
            return CompletableFuture.completedFuture(WorkerHealth.unhealthy("the worker is not running"));
        }
        return healthChecks.check(instance);
    }

    /** On a pooled thread, one input after the other (see {@link InputDelivery}). */
    @Override
    public void deliver(WorkerInput input) {
        CoveyWorker<?> instance = attempt.worker();
        if (instance == null || ended.get()) {
            callbacks.inputHandled(); // the engine takes input for a RUNNING worker only, so this attempt is ending
            return;
        }
        inputs.deliver(instance, input, callbacks::inputHandled);
    }

    @Override
    public void kill(String reason) {
        // End first, so what the interrupt makes the worker throw is not taken for the reason.
        end(new RunExit(reason, null, null, true));
        interruptAll();
    }

    private synchronized void interruptRunThread() {
        if (runThread != null) {
            runThread.interrupt();
        }
    }

    private void interruptAll() {
        interruptRunThread();
        Thread stop = stopThread;
        if (stop != null) {
            stop.interrupt();
        }
    }

    private void end(RunExit exit) {
        if (ended.compareAndSet(false, true)) {
            Scheduler.Cancellable deadline = stopDeadline;
            if (deadline != null) {
                deadline.cancel();
            }
            List<Thread> left = threadsLeftRunning();
            if (!left.isEmpty()) {
                workerThreads.leftRunning(request.workerId(), left);
                callbacks.log("covey", left.size() + (left.size() == 1 ? " thread" : " threads")
                        + " this worker started still run after its attempt ended: "
                        + left.stream().map(Thread::getName).sorted().toList()
                        + " (threads cannot be killed; run such a worker foreign)");
            }
            callbacks.exited(left.isEmpty() ? exit : exit.withThreadsLeft(left.size()));
        }
    }

    /** Grace for threads on their way out (an executor shutting down as the worker returns). */
    private static final long LEFT_THREADS_GRACE_MILLIS = 100;

    /** The threads new in the run thread's group since this attempt began, still alive after a short grace. */
    private List<Thread> threadsLeftRunning() {
        ThreadGroup group = runGroup;
        if (group == null) {
            return List.of();
        }
        Thread[] threads = new Thread[group.activeCount() + 16];
        int count = group.enumerate(threads, true);
        Set<Thread> before = threadsBefore;
        Thread own;
        synchronized (this) {
            own = runThread;
        }
        List<Thread> left = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            Thread thread = threads[i];
            // Covey's own pools start threads lazily from whichever thread first needs one (a worker's
            // log() waking an event subscriber, say): those are Covey's, not the worker's.
            if (thread != own && thread != Thread.currentThread() && !before.contains(thread)
                    && !thread.getName().startsWith("covey-")) {
                left.add(thread);
            }
        }
        long deadline = System.nanoTime() + LEFT_THREADS_GRACE_MILLIS * 1_000_000;
        for (Thread thread : left) {
            long wait = (deadline - System.nanoTime()) / 1_000_000;
            if (wait > 0 && thread != Thread.currentThread()) {
                try {
                    thread.join(wait);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    break;
                }
            }
        }
        left.removeIf(thread -> !thread.isAlive());
        return left;
    }

    // --- WorkerReporter: the worker's status calls ---

    @Override
    public void starting(String message) {
        report(StatusCall.STARTING, message, null);
    }

    @Override
    public void running(String message) {
        report(StatusCall.RUNNING, message, null);
    }

    @Override
    public void completed(Object result) {
        JsonNode json;
        try {
            json = CoveyJson.toTree(result);
        } catch (RuntimeException e) {
            crashed("the result of completed() is not JSON-serializable: " + describe(e), null);
            return;
        }
        report(StatusCall.COMPLETED, null, json);
        end(RunExit.normal());
    }

    @Override
    public void crashed(String message, Throwable error) {
        String text = message == null ? "the worker reported a crash" : message;
        report(StatusCall.CRASHED, error == null ? text : text + ": " + describe(error), null);
        end(RunExit.normal());
    }

    @Override
    public void failed(String message) {
        report(StatusCall.FAILED, message == null ? "the worker reported a failure" : message, null);
        end(RunExit.normal());
    }

    @Override
    public void stopping(String message) {
        report(StatusCall.STOPPING, message, null);
    }

    @Override
    public void stopped(String message) {
        report(StatusCall.STOPPED, message, null);
        end(RunExit.normal());
    }

    @Override
    public void log(String line) {
        if (!ended.get()) {
            callbacks.log("worker", line);
        }
    }

    @Override
    public void publish(Object data) {
        if (!ended.get()) {
            callbacks.data(CoveyJson.toTree(data));
        }
    }

    private void report(StatusCall status, String message, JsonNode result) {
        if (!ended.get()) {
            callbacks.reported(new StatusReport(status, message, result));
        }
    }
}
