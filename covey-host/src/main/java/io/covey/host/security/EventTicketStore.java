package io.covey.host.security;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Short-lived, single-use tickets that open the event stream for a browser. A browser cannot
 * put an {@code Authorization} header on a WebSocket handshake, and a token in the URL would
 * end up in histories and access logs. So the page trades its token (in a header) for a ticket
 * and puts only the ticket in the URL: 256 random bits, good for one handshake within its time
 * to live, worthless once used or expired.
 */
public final class EventTicketStore {
    /** A ticket and when it stops being accepted. */
    public record Ticket(String value, Instant expiresAt) {
    }

    private final SecureRandom random = new SecureRandom();
    private final Map<String, Instant> outstanding = new ConcurrentHashMap<>();
    private final Duration timeToLive;
    private final int maxOutstanding;
    private final Clock clock;

    public EventTicketStore(Duration timeToLive, int maxOutstanding, Clock clock) {
        if (timeToLive.isNegative() || timeToLive.isZero()) {
            throw new IllegalArgumentException("a ticket's time to live must be positive, was " + timeToLive);
        }
        if (maxOutstanding < 1) {
            throw new IllegalArgumentException("at least one ticket must be allowed, was " + maxOutstanding);
        }
        this.timeToLive = timeToLive;
        this.maxOutstanding = maxOutstanding;
        this.clock = clock;
    }

    /** A new ticket; refused when too many unused, unexpired ones are outstanding. */
    public Ticket issue() {
        Instant now = clock.instant();
        outstanding.values().removeIf(expiry -> !expiry.isAfter(now));
        if (outstanding.size() >= maxOutstanding) {
            throw new TooManyTicketsException(maxOutstanding);
        }
        byte[] bytes = new byte[32];
        random.nextBytes(bytes);
        Ticket ticket = new Ticket(Base64.getUrlEncoder().withoutPadding().encodeToString(bytes), now.plus(timeToLive));
        outstanding.put(ticket.value(), ticket.expiresAt());
        return ticket;
    }

    /** Whether the ticket was issued, unused and unexpired; either way it cannot be used again. */
    public boolean redeem(String ticket) {
        if (ticket == null || ticket.isEmpty()) {
            return false;
        }
        Instant expiry = outstanding.remove(ticket);
        return expiry != null && clock.instant().isBefore(expiry);
    }

    public Duration timeToLive() {
        return timeToLive;
    }

    /** Too many tickets are outstanding: a caller asks for them without using them. */
    public static final class TooManyTicketsException extends RuntimeException {
        TooManyTicketsException(int max) {
            super("more than " + max + " event tickets are outstanding; use or let expire the ones you have");
        }
    }
}
