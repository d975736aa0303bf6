package io.covey.engine;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.function.Consumer;

import io.covey.core.api.HealthStatus;
import io.covey.core.event.HealthEvent;
import io.covey.core.json.Durations;
import io.covey.core.lifecycle.WorkerState;
import io.covey.core.worker.CoveyWorker;
import io.covey.core.worker.WorkerHealth;

/**
 * Polls the health checks of RUNNING workers whose class defines one. One check per worker at a
 * time, the next {@code healthInterval} after the last answer. The engine thread only starts a
 * check and records its answer: the check itself runs elsewhere (a health thread in this JVM, or
 * the child), and a check that does not answer within {@code healthTimeout} is failed by a timer,
 * so a hanging check holds up neither the engine nor other workers' checks.
 */
final class HealthMonitor {
    private final EngineContext context;
    private final Scheduler scheduler;
    private final Executor engineExecutor;
    private final Consumer<WorkerSlot> onUnhealthy;

    /** @param onUnhealthy told (on the engine thread) when a worker failed {@code healthFailures} checks in a row */
    HealthMonitor(EngineContext context, Scheduler scheduler, Executor engineExecutor, Consumer<WorkerSlot> onUnhealthy) {
        this.context = context;
        this.scheduler = scheduler;
        this.engineExecutor = engineExecutor;
        this.onUnhealthy = onUnhealthy;
    }

    /** An attempt just reported running: start checking it, if its worker defines a check. */
    void watch(WorkerSlot slot, Attempt attempt) {
        if (CoveyWorker.definesHealthCheck(slot.type().workerClass())) {
            scheduleNext(slot, attempt);
        }
    }

    private void scheduleNext(WorkerSlot slot, Attempt attempt) {
        attempt.schedule(Attempt.Timer.HEALTH, scheduler.schedule(slot.options().healthInterval(),
                () -> engineExecutor.execute(() -> check(slot, attempt))));
    }

    private void check(WorkerSlot slot, Attempt attempt) {
        attempt.fired(Attempt.Timer.HEALTH);
        if (!stillWatched(slot, attempt)) {
            return;
        }
        Duration timeout = slot.options().healthTimeout();
        CompletableFuture<WorkerHealth> answer = attempt.run().checkHealth();
        Scheduler.Cancellable deadline = scheduler.schedule(timeout, () -> answer.complete(
                WorkerHealth.unhealthy("the health check did not answer within " + Durations.format(timeout))));
        answer.whenComplete((health, error) -> {
            deadline.cancel();
            WorkerHealth result = error != null ? WorkerHealth.unhealthy("the health check failed: " + error)
                    : health == null ? WorkerHealth.ok() : health;
            engineExecutor.execute(() -> record(slot, attempt, result));
        });
    }

    /** Only the attempt that was asked, still RUNNING and not being stopped, is judged by the answer. */
    private static boolean stillWatched(WorkerSlot slot, Attempt attempt) {
        return slot.attempt() == attempt && attempt.isLive() && slot.state() == WorkerState.RUNNING && !attempt.stopRequested();
    }

    private void record(WorkerSlot slot, Attempt attempt, WorkerHealth result) {
        if (!stillWatched(slot, attempt)) {
            return;
        }
        int failures = attempt.healthChecked(result.healthy());
        Instant now = context.clock().instant();
        String message = io.covey.core.text.SafeText.of(result.message());
        slot.healthChecked(new HealthStatus(result.healthy(), message, now, attempt.number(), failures));
        context.journal().append(new HealthEvent(0, now, slot.group(), slot.id, attempt.number(), result.healthy(),
                message));
        if (failures >= slot.options().healthFailures()) {
            onUnhealthy.accept(slot);
        } else {
            scheduleNext(slot, attempt);
        }
    }
}
