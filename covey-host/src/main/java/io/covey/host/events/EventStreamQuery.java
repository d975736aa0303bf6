package io.covey.host.events;

import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.EnumSet;
import java.util.Set;

import org.springframework.util.MultiValueMap;
import org.springframework.web.util.UriComponentsBuilder;

import io.covey.core.event.EventFilter;
import io.covey.core.event.EventType;

/**
 * The query of {@code /ws/events}: {@code since=SEQ} (replay retained events after SEQ),
 * {@code group=}, {@code worker=}, {@code types=lifecycle,log}.
 */
record EventStreamQuery(long since, EventFilter filter) {

    static EventStreamQuery parse(URI uri) {
        MultiValueMap<String, String> params = UriComponentsBuilder.fromUri(uri).build().getQueryParams();
        long since = -1;
        String sinceText = decoded(params, "since");
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
        String typesText = decoded(params, "types"); // a browser's URLSearchParams sends the commas as %2C
        if (typesText != null && !typesText.isBlank()) {
            for (String name : typesText.split(",")) {
                types.add(EventType.fromWireName(name));
            }
        }
        return new EventStreamQuery(since, new EventFilter(blankToNull(decoded(params, "group")),
                blankToNull(decoded(params, "worker")), types));
    }

    /** The raw query keeps its percent-encoding: decode every value once, here. */
    private static String decoded(MultiValueMap<String, String> params, String name) {
        String value = params.getFirst(name);
        return value == null ? null : URLDecoder.decode(value, StandardCharsets.UTF_8);
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value;
    }
}
