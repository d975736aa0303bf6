package io.covey.host.api;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

import io.covey.host.engine.CoveyManager;
import io.covey.host.engine.journal.EventJournal;

/**
 * Where the event journal stands. A client that wants live events from now on reads
 * {@code lastSeq} first and opens {@code /ws/events?since=lastSeq}: it then has a cursor from the
 * first moment, and a connection dropped before any event arrived still resumes without a loss.
 */
@RestController
public class EventsController {
    private final EventJournal journal;

    public EventsController(CoveyManager manager) {
        this.journal = manager.journal();
    }

    @GetMapping("/api/v1/events")
    public JournalPosition position() {
        return new JournalPosition(journal.lastSeq(), journal.oldestRetainedSeq());
    }

    /** @param lastSeq the seq of the newest event (0 before the first); @param oldestRetainedSeq the oldest one a since= can still replay */
    public record JournalPosition(long lastSeq, long oldestRetainedSeq) {
    }
}
