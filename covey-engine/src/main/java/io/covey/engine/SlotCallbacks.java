package io.covey.engine;

import java.util.List;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicBoolean;

import io.covey.core.api.LogLine;
import io.covey.core.event.DataEvent;
import io.covey.core.event.LogEvent;
import io.covey.core.text.SafeText;
import io.covey.core.spec.ByteSize;
import io.covey.engine.launch.ResourceUsage;
import io.covey.engine.launch.RunCallbacks;
import io.covey.engine.launch.RunExit;
import io.covey.engine.launch.StatusReport;
import tools.jackson.databind.JsonNode;

/**
 * The callbacks of one attempt, where a worker's text becomes Covey's: every string is made
 * well-formed here ({@link SafeText}), for in-process and foreign workers alike, so no event
 * holds what a WebSocket cannot encode. Log lines are cut at {@link EventLimits#MAX_LINE_CHARS};
 * log lines, data and progress reports pass the worker's rate limit or are dropped and counted.
 * Status changes and the exit are handed to the engine thread; log lines and data go straight to
 * the slot's log buffer and the journal (both thread-safe), so a chatty worker does not queue up
 * work for the engine.
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
        if (exited.get()) {
            return;
        }
        // Progress may repeat without end (running("tick") in a loop); an end never does.
        if (!report.status().isTerminal() && !admit()) {
            return;
        }
        StatusReport safe = new StatusReport(report.status(), SafeText.of(report.message()), SafeText.of(report.result()));
        engineExecutor.execute(() -> engine.onReport(slot, attempt, safe));
    }

    @Override
    public void log(String stream, String line) {
        logPiece(stream, line, false);
    }

    @Override
    public void logPiece(String stream, String piece, boolean continues) {
        List<String> pieces = SafeText.pieces(SafeText.of(String.valueOf(piece)), EventLimits.MAX_LINE_CHARS);
        for (int i = 0; i < pieces.size(); i++) {
            if (admit()) {
                append(SafeText.of(stream), pieces.get(i), continues || i < pieces.size() - 1);
            }
        }
    }

    private void append(String stream, String text, boolean continued) {
        LogLine logLine = new LogLine(context.clock().instant(), number, stream, text);
        slot.logs.add(logLine);
        context.logSink().line(group, slot.id, logLine);
        context.journal().append(new LogEvent(0, logLine.time(), group, slot.id, number, stream, text, continued));
    }

    @Override
    public void data(JsonNode data) {
        if (!exited.get() && admit()) {
            context.journal().append(new DataEvent(0, context.clock().instant(), group, slot.id, number, SafeText.of(data)));
        }
    }

    /**
     * Kept on the slot for its status (no engine message per sample); only a sample over the worker's
     * {@code maxMemory} goes to the engine thread, which stops the attempt.
     */
    @Override
    public void usage(ResourceUsage usage) {
        if (exited.get()) {
            return;
        }
        attempt.usage(usage);
        ByteSize limit = slot.options().maxMemory();
        if (limit != null && usage.memoryBytes() > limit.bytes()) {
            engineExecutor.execute(() -> engine.onOverMemory(slot, attempt, usage, limit));
        }
    }

    @Override
    public void inputHandled() {
        engineExecutor.execute(() -> engine.onInputHandled(slot, attempt));
    }

    @Override
    public void exited(RunExit exit) {
        if (exited.compareAndSet(false, true)) {
            noteDrops(slot.rateLimit.takeUnreported());
            RunExit safe = new RunExit(SafeText.of(exit.failure()), exit.exitCode(), exit.signal(), exit.forced(), exit.cause(),
                    exit.threadsLeft());
            engineExecutor.execute(() -> engine.onExit(slot, attempt, safe));
        }
    }

    /** Whether the worker's rate limit lets one more event through; publishes the drop notice when one is due. */
    private boolean admit() {
        EventRateLimit.Verdict verdict = slot.rateLimit.admit(context.nanos());
        if (!verdict.admitted()) {
            context.droppedEvents().count(group, 1);
        }
        noteDrops(verdict.dropsToReport());
        return verdict.admitted();
    }

    private void noteDrops(long drops) {
        if (drops > 0) {
            EventLimits limits = context.eventLimits();
            append("covey", "dropped " + drops + " events of this worker: it went over its rate limit of "
                    + Math.round(limits.ratePerSecond()) + " events/s (burst " + limits.burst() + ")", false);
        }
    }
}
