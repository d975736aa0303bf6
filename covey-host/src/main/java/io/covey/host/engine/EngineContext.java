package io.covey.host.engine;

import java.time.Clock;

import io.covey.host.engine.journal.EventJournal;

/** What every part of the engine shares: settings, time and the journal. */
record EngineContext(ManagerSettings settings, Clock clock, EventJournal journal) {
}
