package io.covey.engine;

import java.time.Clock;
import java.time.Instant;

import io.covey.engine.journal.EventJournal;

/**
 * What every part of the engine shares: settings, time, the journal, what bounds workers' events,
 * and where log lines go besides the ring.
 */
record EngineContext(ManagerSettings settings, Clock clock, EventJournal journal, EventLimits eventLimits,
                     DroppedEvents droppedEvents, WorkerLogSink logSink) {
    EngineContext(ManagerSettings settings, Clock clock, EventJournal journal) {
        this(settings, clock, journal, EventLimits.defaults(), new DroppedEvents(), WorkerLogSink.NONE);
    }

    EngineContext(ManagerSettings settings, Clock clock, EventJournal journal, EventLimits eventLimits,
                  DroppedEvents droppedEvents) {
        this(settings, clock, journal, eventLimits, droppedEvents, WorkerLogSink.NONE);
    }

    /** Now, in nanoseconds of the engine's clock (a manual one in tests), for rate limits. */
    long nanos() {
        Instant now = clock.instant();
        return now.getEpochSecond() * 1_000_000_000L + now.getNano();
    }
}
