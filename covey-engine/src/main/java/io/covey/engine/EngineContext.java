package io.covey.engine;

import java.time.Clock;

import io.covey.engine.journal.EventJournal;

/** What every part of the engine shares: settings, time, the journal, and where log lines go besides the ring. */
record EngineContext(ManagerSettings settings, Clock clock, EventJournal journal, WorkerLogSink logSink) {
    EngineContext(ManagerSettings settings, Clock clock, EventJournal journal) {
        this(settings, clock, journal, WorkerLogSink.NONE);
    }
}
