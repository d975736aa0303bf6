package io.covey.engine.journal;

import java.util.List;

import io.covey.core.event.CoveyEvent;

/** Reads what a journal retains on the caller's thread, without a subscription (whose delivery runs on a pool thread). */
public final class JournalReader {
    private JournalReader() {
    }

    /** Every retained event, oldest first. */
    public static List<CoveyEvent> retained(EventJournal journal) {
        return journal.readAfter(journal.oldestRetainedSeq() - 1, Integer.MAX_VALUE).events();
    }
}
