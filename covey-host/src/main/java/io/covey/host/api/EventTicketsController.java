package io.covey.host.api;

import java.time.Instant;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

import io.covey.host.problem.ProblemKind;
import io.covey.host.security.EventTicketStore;
import jakarta.servlet.http.HttpServletRequest;

/**
 * {@code POST /api/v1/event-tickets}: trades the bearer token (checked by the token filter like
 * on every API call) for a single-use ticket that opens {@code /ws/events?ticket=...} once.
 */
@RestController
public class EventTicketsController {
    /** What the caller gets: the ticket, when it expires, and how long it is good for in seconds. */
    public record TicketResponse(String ticket, Instant expiresAt, long expiresInSeconds) {
    }

    private final EventTicketStore tickets;

    public EventTicketsController(EventTicketStore tickets) {
        this.tickets = tickets;
    }

    @PostMapping("/api/v1/event-tickets")
    public ResponseEntity<TicketResponse> issue() {
        EventTicketStore.Ticket ticket = tickets.issue();
        return ResponseEntity.status(HttpStatus.CREATED).header("Cache-Control", "no-store")
                .body(new TicketResponse(ticket.value(), ticket.expiresAt(), tickets.timeToLive().toSeconds()));
    }

    @ExceptionHandler(EventTicketStore.TooManyTicketsException.class)
    ResponseEntity<ProblemDetail> tooMany(EventTicketStore.TooManyTicketsException e, HttpServletRequest request) {
        return ProblemResponses.problem(ProblemKind.TOO_MANY_REQUESTS, e.getMessage(), request);
    }
}
