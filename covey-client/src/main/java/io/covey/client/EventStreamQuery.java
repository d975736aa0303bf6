package io.covey.client;

import java.net.URI;
import java.util.stream.Collectors;

import org.springframework.web.util.UriComponentsBuilder;

import io.covey.core.event.EventFilter;
import io.covey.core.event.EventType;

/** The URL of {@code /ws/events} for a filter and a resume point; the host filters, so only wanted events travel. */
final class EventStreamQuery {
    private EventStreamQuery() {
    }

    static URI url(URI eventStream, EventFilter filter, long since) {
        UriComponentsBuilder url = UriComponentsBuilder.fromUri(eventStream).queryParam("since", since);
        if (filter.group() != null) {
            url.queryParam("group", filter.group());
        }
        if (filter.worker() != null) {
            url.queryParam("worker", filter.worker());
        }
        if (!filter.types().isEmpty()) {
            url.queryParam("types", filter.types().stream().map(EventType::wireName).sorted().collect(Collectors.joining(",")));
        }
        return url.encode().build().toUri();
    }
}
