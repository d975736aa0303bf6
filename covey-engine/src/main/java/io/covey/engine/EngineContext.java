package io.covey.engine;

import java.time.Clock;

import io.covey.engine.journal.EventJournal;

/** What every part of the engine shares: settings, time, the journal, and what bounds workers' events. */
record EngineContext(ManagerSettings settings, Clock clock, EventJournal journal, EventLimits eventLimits,
                     DroppedEvents droppedEvents) {
    EngineContext(ManagerSettings settings, Clock clock, EventJournal journal) {
        this(settings, clock, journal, EventLimits.defaults(), new DroppedEvents());
    }

    /** Now, in nanoseconds of the engine's clock (a manual one in tests), for rate limits. */
    long nanos() {
        java.time.Instant now = clock.instant();
        return now.getEpochSecond() * 1_000_000_000L + now.getNano();
    }
}
