package io.covey.host.events;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;

import org.junit.jupiter.api.Test;

import io.covey.core.event.EventType;

class EventStreamQueryTest {
    @Test
    void percentEncodedValuesAreDecodedAsBrowsersSendThem() {
        EventStreamQuery query = EventStreamQuery.parse(
                URI.create("ws://h/ws/events?types=lifecycle%2Clog&group=my%20group&since=%34%32&ticket=abc"));
        assertThat(query.filter().types()).containsExactlyInAnyOrder(EventType.LIFECYCLE, EventType.LOG);
        assertThat(query.filter().group()).isEqualTo("my group");
        assertThat(query.since()).isEqualTo(42);
    }

    @Test
    void plainCommasStillWork() {
        EventStreamQuery query = EventStreamQuery.parse(URI.create("ws://h/ws/events?types=group,gap"));
        assertThat(query.filter().types()).containsExactlyInAnyOrder(EventType.GROUP, EventType.GAP);
        assertThat(query.since()).isEqualTo(-1);
    }
}
