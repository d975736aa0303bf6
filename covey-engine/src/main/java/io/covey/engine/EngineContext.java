package io.covey.engine;

import java.time.Clock;

import io.covey.engine.journal.EventJournal;

/** What every part of the engine shares: settings, time and the journal. */
record EngineContext(ManagerSettings settings, Clock clock, EventJournal journal) {
}
