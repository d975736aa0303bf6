package io.covey.host.logging;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;
import org.slf4j.event.Level;
import org.springframework.context.SmartLifecycle;

import io.covey.core.api.CoveyOperations;
import io.covey.core.event.EventFilter;
import io.covey.core.event.EventType;
import io.covey.core.event.LifecycleEvent;
import io.covey.core.event.Subscription;
import io.covey.core.lifecycle.WorkerState;

/**
 * One line in the host's own log per worker lifecycle transition, on logger {@code covey.lifecycle}:
 * INFO, a crash WARN with its reason, FAILED ERROR. The worker's group, id, attempt, state, type and
 * crash reason go into the MDC as {@code covey.group}, {@code covey.worker}, {@code covey.attempt},
 * {@code covey.state}, {@code covey.type} and {@code covey.reason}, so that a structured console
 * ({@code logging.structured.format.console=ecs}) gives them as JSON fields. Driven by the event
 * journal like every other subscriber: the engine knows nothing of logging frameworks.
 */
public final class LifecycleLog implements SmartLifecycle {
    /** The logger's name: set {@code logging.level.covey.lifecycle=warn} to keep only crashes and failures. */
    public static final String LOGGER = "covey.lifecycle";
    /** Subscribed before the manager's lifecycle restores the saved groups, so their starts are logged too. */
    static final int PHASE = -1;

    private static final int MAX_MESSAGE_CHARS = 2000;
    private static final Logger LOG = LoggerFactory.getLogger(LOGGER);

    private final CoveyOperations covey;
    private volatile Subscription subscription;

    public LifecycleLog(CoveyOperations covey) {
        this.covey = covey;
    }

    @Override
    public void start() {
        subscription = covey.subscribe(EventFilter.ALL.withTypes(EventType.LIFECYCLE), event -> log((LifecycleEvent) event));
    }

    static void log(LifecycleEvent event) {
        Level level = level(event.state());
        if (!LOG.isEnabledForLevel(level)) {
            return;
        }
        String reason = event.crashReason() == null ? null : event.crashReason().wireName();
        String[][] fields = {{"covey.group", event.group()}, {"covey.worker", event.worker()},
                {"covey.attempt", String.valueOf(event.attempt())}, {"covey.state", event.state().name()},
                {"covey.type", event.workerType()}, {"covey.reason", reason}};
        try {
            for (String[] field : fields) {
                if (field[1] != null) {
                    MDC.put(field[0], field[1]);
                }
            }
            LOG.atLevel(level).log("worker {} of group {} attempt {} {}{}: {}", event.worker(), event.group(),
                    event.attempt(), event.state(), reason == null ? "" : " (" + reason + ")", oneLine(event.message()));
        } finally {
            for (String[] field : fields) {
                MDC.remove(field[0]);
            }
        }
    }

    /** A worker's message is its own text: one line per transition, whatever it holds. */
    static String oneLine(String message) {
        if (message == null) {
            return "";
        }
        StringBuilder line = new StringBuilder(Math.min(message.length(), MAX_MESSAGE_CHARS + 1));
        message.codePoints().limit(MAX_MESSAGE_CHARS).forEach(c -> {
            if (Character.isISOControl(c)) {
                line.append(String.format("\\u%04x", c));
            } else {
                line.appendCodePoint(c);
            }
        });
        return message.length() > MAX_MESSAGE_CHARS ? line.append('…').toString() : line.toString();
    }

    private static Level level(WorkerState state) {
        return switch (state) {
            case CRASHED -> Level.WARN;
            case FAILED -> Level.ERROR;
            default -> Level.INFO;
        };
    }

    @Override
    public void stop() {
        Subscription current = subscription;
        subscription = null;
        if (current != null) {
            current.close();
        }
    }

    @Override
    public boolean isRunning() {
        return subscription != null;
    }

    @Override
    public int getPhase() {
        return PHASE;
    }
}
