package io.covey.engine;

import java.time.Instant;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;

import io.covey.core.api.HealthStatus;
import io.covey.core.api.LogLine;
import io.covey.core.api.WorkerEndedException;
import io.covey.core.api.WorkerStatus;
import io.covey.core.event.LifecycleEvent;
import io.covey.core.lifecycle.WorkerState;
import io.covey.core.manifest.WorkerType;
import io.covey.core.spec.WorkerOptions;
import io.covey.core.spec.WorkerSpec;
import io.covey.engine.launch.StatusReport;
import io.covey.engine.launch.WorkerRun;
import tools.jackson.databind.JsonNode;

/**
 * Everything the engine knows about one worker id: what is wanted (spec, desired state) and
 * what is observed (state, current attempt). Touched only on the engine thread, except the log
 * buffer. Every state change goes through {@link #transitionTo}.
 */
final class WorkerSlot {
    enum Desired { RUN, STOP, REMOVE }

    final String id;
    final LogBuffer logs;
    private final EngineContext context;
    private final Consumer<WorkerSlot> stateChanged;

    String group;
    WorkerSpec spec;
    WorkerType type;
    WorkerOptions options;
    Desired desired = Desired.RUN;
    /** Start a new attempt regardless of how the last one ended (manual restart, new spec, re-run). */
    boolean freshStartWanted;

    WorkerState state = WorkerState.PENDING;
    String message = "declared";
    boolean forced;
    int attempt;
    int restarts;
    Instant startedAt;
    Instant endedAt;
    Instant runningSince;

    WorkerRun run;
    boolean stopRequested;
    StatusReport terminalReport;
    JsonNode result;
    CompletableFuture<JsonNode> resultFuture = new CompletableFuture<>();
    /** The last health check (of any attempt), or null. */
    HealthStatus health;
    int failedHealthChecks;
    /** Why this attempt is being stopped for failed health checks, or null: its end then counts as a crash. */
    String unhealthy;
    /** The attempts of {@code restartDependants} dependencies this attempt started against (see DependencyGate). */
    Map<String, Integer> boundTo = Map.of();

    final RestartTracker restartTracker = new RestartTracker();
    Scheduler.Cancellable startTimer;
    Scheduler.Cancellable backoffTimer;
    Scheduler.Cancellable healthTimer;

    /** @param stateChanged told after every transition that changed the state (not the message alone) */
    WorkerSlot(String id, String group, WorkerSpec spec, WorkerType type, WorkerOptions options, EngineContext context,
               Consumer<WorkerSlot> stateChanged) {
        this.id = id;
        this.group = group;
        this.spec = spec;
        this.type = type;
        this.options = options;
        this.context = context;
        this.stateChanged = stateChanged;
        this.logs = new LogBuffer(context.settings().logLinesPerWorker(), context.settings().logCharsPerWorker());
    }

    /** The funnel: checks the transition table, stamps the time, publishes the event. */
    void transitionTo(WorkerState next, String newMessage) {
        state.requireMoveTo(next);
        WorkerState previous = state;
        state = next;
        message = newMessage;
        context.journal().append(new LifecycleEvent(0, context.clock().instant(), group, id, attempt, next, newMessage,
                next == WorkerState.STOPPED && forced));
        if (previous != next) {
            stateChanged.accept(this);
        }
    }

    /** Announces a new slot (PENDING is its first state, so there is no transition to check). */
    void announce() {
        context.journal().append(new LifecycleEvent(0, context.clock().instant(), group, id, attempt, state, message, false));
    }

    void note(String line) {
        LogLine logLine = new LogLine(context.clock().instant(), attempt, "covey", line);
        logs.add(logLine);
        context.journal().append(new io.covey.core.event.LogEvent(0, logLine.time(), group, id, attempt, "covey", line));
    }

    boolean isLive() {
        return run != null;
    }

    void cancelTimers() {
        if (startTimer != null) {
            startTimer.cancel();
            startTimer = null;
        }
        if (backoffTimer != null) {
            backoffTimer.cancel();
            backoffTimer = null;
        }
        if (healthTimer != null) {
            healthTimer.cancel();
            healthTimer = null;
        }
    }

    /** A result future for the next attempt, once the last one was settled. */
    void renewResultFutureIfSettled() {
        if (resultFuture.isDone()) {
            resultFuture = new CompletableFuture<>();
        }
    }

    void failResult(String why) {
        resultFuture.completeExceptionally(new WorkerEndedException("worker '" + id + "' " + why));
    }

    WorkerStatus snapshot() {
        return new WorkerStatus(id, group, spec.type(), Boolean.TRUE.equals(options.foreign()), state, message, attempt,
                restarts, run == null ? null : run.pid(), startedAt, endedAt, forced, result, spec,
                Boolean.TRUE.equals(options.critical()), health);
    }
}
