package io.covey.core.worker;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;

/**
 * Calls one worker's {@link CoveyWorker#checkHealth()} on an executor, never on the caller's
 * thread, with at most one call in flight: a check that hangs occupies one thread, and every
 * check asked for meanwhile fails at once instead of piling up more. Used by the host for
 * in-process workers and by the child JVM for foreign ones, so both behave alike. The caller
 * enforces the timeout.
 */
public final class HealthCheckRunner {
    /** Messages longer than this are cut, so a chatty check cannot outgrow a control message. */
    static final int MAX_MESSAGE_CHARS = 1000;

    private final Executor executor;
    private CompletableFuture<WorkerHealth> inFlight;

    public HealthCheckRunner(Executor executor) {
        this.executor = executor;
    }

    /** Completes with the worker's answer; an exception or a null answer become results too. */
    public synchronized CompletableFuture<WorkerHealth> check(CoveyWorker<?> worker) {
        if (inFlight != null && !inFlight.isDone()) {
            return CompletableFuture.completedFuture(WorkerHealth.unhealthy("the previous health check has not returned yet"));
        }
        CompletableFuture<WorkerHealth> call = new CompletableFuture<>();
        inFlight = call;
        executor.execute(() -> call.complete(callOnce(worker)));
        // A copy: a caller that times the check out must not make it look finished here.
        return call.copy();
    }

    private static WorkerHealth callOnce(CoveyWorker<?> worker) {
        try {
            WorkerHealth health = worker.checkHealth();
            return health == null ? WorkerHealth.ok() : new WorkerHealth(health.healthy(), cut(health.message()));
        } catch (Throwable t) {
            String message = t.getMessage();
            return WorkerHealth.unhealthy(cut("checkHealth() threw " + t.getClass().getName() + (message == null ? "" : ": " + message)));
        }
    }

    private static String cut(String message) {
        return message == null || message.length() <= MAX_MESSAGE_CHARS ? message : message.substring(0, MAX_MESSAGE_CHARS) + "…";
    }
}
