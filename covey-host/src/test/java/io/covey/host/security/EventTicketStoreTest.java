package io.covey.host.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;

import org.junit.jupiter.api.Test;

import io.covey.engine.ManualClock;

class EventTicketStoreTest {
    private final ManualClock clock = new ManualClock(Instant.parse("2026-01-01T00:00:00Z"));
    private final EventTicketStore tickets = new EventTicketStore(Duration.ofSeconds(30), 3, clock);

    @Test
    void aTicketWorksOnce() {
        String ticket = tickets.issue().value();
        assertThat(tickets.redeem(ticket)).isTrue();
        assertThat(tickets.redeem(ticket)).isFalse();
    }

    @Test
    void anUnknownEmptyOrMissingTicketIsRefused() {
        tickets.issue();
        assertThat(tickets.redeem("not-a-ticket")).isFalse();
        assertThat(tickets.redeem("")).isFalse();
        assertThat(tickets.redeem(null)).isFalse();
    }

    @Test
    void anExpiredTicketIsRefused() {
        EventTicketStore.Ticket ticket = tickets.issue();
        assertThat(ticket.expiresAt()).isEqualTo(clock.instant().plusSeconds(30));
        clock.advance(Duration.ofSeconds(30));
        assertThat(tickets.redeem(ticket.value())).isFalse();
    }

    @Test
    void ticketsAreRandomAndUnguessablyLong() {
        String first = tickets.issue().value();
        String second = tickets.issue().value();
        assertThat(first).isNotEqualTo(second).hasSize(43).matches("[A-Za-z0-9_-]+");
    }

    @Test
    void outstandingTicketsAreBoundedButExpiredOnesMakeRoom() {
        tickets.issue();
        tickets.issue();
        tickets.issue();
        assertThatThrownBy(tickets::issue).isInstanceOf(EventTicketStore.TooManyTicketsException.class);
        clock.advance(Duration.ofSeconds(31));
        assertThat(tickets.issue().value()).isNotEmpty();
    }

    @Test
    void aNonPositiveTimeToLiveIsRefused() {
        assertThatThrownBy(() -> new EventTicketStore(Duration.ZERO, 1, clock))
                .hasMessageContaining("time to live must be positive");
    }
}
