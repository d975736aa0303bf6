package io.covey.host.api;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

import io.covey.engine.CoveyManager;
import io.covey.engine.EventPosition;

/**
 * Where the event journal stands. A client that wants live events from now on reads
 * {@code lastSeq} first and opens {@code /ws/events?since=lastSeq}: it then has a cursor from the
 * first moment, and a connection dropped before any event arrived still resumes without a loss.
 */
@RestController
public class EventsController {
    private final CoveyManager manager;

    public EventsController(CoveyManager manager) {
        this.manager = manager;
    }

    @GetMapping("/api/v1/events")
    public EventPosition position() {
        return manager.eventPosition();
    }
}
