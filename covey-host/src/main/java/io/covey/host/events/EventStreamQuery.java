package io.covey.host.events;

import java.net.URI;
import java.util.EnumSet;
import java.util.Set;

import org.springframework.web.util.UriComponentsBuilder;

import io.covey.core.event.EventFilter;
import io.covey.core.event.EventType;

/**
 * The query of {@code /ws/events}: {@code since=SEQ} (replay retained events after SEQ),
 * {@code group=}, {@code worker=}, {@code types=lifecycle,log}.
 */
record EventStreamQuery(long since, EventFilter filter) {

    static EventStreamQuery parse(URI uri) {
        var params = UriComponentsBuilder.fromUri(uri).build().getQueryParams();
        long since = -1;
        String sinceText = params.getFirst("since");
        if (sinceText != null && !sinceText.isBlank()) {
            try {
                since = Long.parseLong(sinceText.trim());
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("since must be an event seq (a whole number), was '" + sinceText + "'");
            }
            if (since < 0) {
                throw new IllegalArgumentException("since must not be negative, was " + since);
            }
        }
        Set<EventType> types = EnumSet.noneOf(EventType.class);
        String typesText = params.getFirst("types");
        if (typesText != null && !typesText.isBlank()) {
            for (String name : typesText.split(",")) {
                types.add(EventType.fromWireName(name));
            }
        }
        return new EventStreamQuery(since, new EventFilter(blankToNull(params.getFirst("group")),
                blankToNull(params.getFirst("worker")), types));
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : java.net.URLDecoder.decode(value, java.nio.charset.StandardCharsets.UTF_8);
    }
}
