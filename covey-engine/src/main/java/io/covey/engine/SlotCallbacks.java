package io.covey.engine;

import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicBoolean;

import io.covey.core.api.LogLine;
import io.covey.core.event.DataEvent;
import io.covey.core.event.LogEvent;
import io.covey.engine.launch.RunCallbacks;
import io.covey.engine.launch.RunExit;
import io.covey.engine.launch.StatusReport;
import tools.jackson.databind.JsonNode;

/**
 * The callbacks of one attempt. Status changes and the exit are handed to the engine thread;
 * log lines and data go straight to the slot's log buffer and the journal (both thread-safe),
 * so a chatty worker does not queue up work for the engine.
 */
final class SlotCallbacks implements RunCallbacks {
    private final Engine engine;
    private final WorkerSlot slot;
    private final Attempt attempt;
    private final int number;
    private final String group;
    private final EngineContext context;
    private final Executor engineExecutor;
    private final AtomicBoolean exited = new AtomicBoolean();

    SlotCallbacks(Engine engine, WorkerSlot slot, Attempt attempt, EngineContext context, Executor engineExecutor) {
        this.engine = engine;
        this.slot = slot;
        this.attempt = attempt;
        this.number = attempt.number();
        this.group = slot.group();
        this.context = context;
        this.engineExecutor = engineExecutor;
    }

    @Override
    public void reported(StatusReport report) {
        if (!exited.get()) {
            engineExecutor.execute(() -> engine.onReport(slot, attempt, report));
        }
    }

    @Override
    public void log(String stream, String line) {
        LogLine logLine = new LogLine(context.clock().instant(), number, stream, line);
        slot.logs.add(logLine);
        context.journal().append(new LogEvent(0, logLine.time(), group, slot.id, number, stream, line));
    }

    @Override
    public void data(JsonNode data) {
        if (!exited.get()) {
            context.journal().append(new DataEvent(0, context.clock().instant(), group, slot.id, number, data));
        }
    }

    @Override
    public void inputHandled() {
        engineExecutor.execute(() -> engine.onInputHandled(slot, attempt));
    }

    @Override
    public void exited(RunExit exit) {
        if (exited.compareAndSet(false, true)) {
            engineExecutor.execute(() -> engine.onExit(slot, attempt, exit));
        }
    }
}
