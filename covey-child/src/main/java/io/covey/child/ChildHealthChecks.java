package io.covey.child;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import io.covey.core.protocol.ControlMessage;
import io.covey.core.protocol.ProtocolException;
import io.covey.core.worker.CoveyWorker;
import io.covey.core.worker.HealthCheckRunner;
import io.covey.core.worker.WorkerHealth;

/**
 * Answers the host's health requests: calls the worker's {@code checkHealth()} on a health
 * thread (never the thread that reads the control channel, so a hanging check cannot hold up a
 * stop), and sends the answer with the request's id. The host enforces the timeout.
 */
final class ChildHealthChecks {
    private final ChildSender sender;
    private final ExecutorService threads = Executors.newCachedThreadPool(task -> {
        Thread thread = new Thread(task, "covey-child-health");
        thread.setDaemon(true);
        return thread;
    });
    private final HealthCheckRunner runner = new HealthCheckRunner(threads);

    ChildHealthChecks(ChildSender sender) {
        this.sender = sender;
    }

    /** @param worker the worker, or null while it is being constructed */
    void answer(ControlMessage.HealthRequest request, CoveyWorker<?> worker) {
        CompletableFuture<WorkerHealth> check = worker == null
                ? CompletableFuture.completedFuture(WorkerHealth.unhealthy("the worker is not constructed yet"))
                : runner.check(worker);
        check.thenAccept(health -> send(new ControlMessage.HealthResponse(request.id(), health.healthy(), health.message())));
    }

    private void send(ControlMessage message) {
        try {
            sender.send(message);
        } catch (ProtocolException e) {
            System.err.println("covey-child: could not send a health response: " + e.getMessage());
        }
    }
}
