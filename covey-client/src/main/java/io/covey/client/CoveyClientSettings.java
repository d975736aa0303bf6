package io.covey.client;

import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.Locale;

/**
 * Where the host is and how to talk to it. Validated here, so a wrong URL fails at startup with
 * a message that says what is wrong rather than at the first call.
 *
 * @param baseUrl             the host's base URL ({@code http://host:7700}); API and event stream are below it
 * @param token               the host's bearer token, or empty for none
 * @param connectTimeout      how long to wait for a connection (HTTP calls and the event stream)
 * @param readTimeout         how long to wait for the answer to an HTTP call
 * @param reconnectInitial    the delay before the first reconnect of an event stream
 * @param reconnectMax        the delay between reconnects doubles up to this
 */
public record CoveyClientSettings(URI baseUrl, String token, Duration connectTimeout, Duration readTimeout,
                                  Duration reconnectInitial, Duration reconnectMax) {

    public CoveyClientSettings {
        baseUrl = parseBaseUrl(baseUrl == null ? null : baseUrl.toString());
        token = token == null ? "" : token.trim();
        requirePositive("connect timeout", connectTimeout);
        requirePositive("read timeout", readTimeout);
        requirePositive("reconnect initial delay", reconnectInitial);
        requirePositive("reconnect max delay", reconnectMax);
        if (reconnectMax.compareTo(reconnectInitial) < 0) {
            throw new IllegalArgumentException("the reconnect max delay (" + reconnectMax
                    + ") must not be shorter than the initial delay (" + reconnectInitial + ")");
        }
    }

    /** The documented defaults for a host at {@code baseUrl}. */
    public static CoveyClientSettings of(String baseUrl) {
        return new CoveyClientSettings(parseBaseUrl(baseUrl), "", Duration.ofSeconds(5), Duration.ofSeconds(30),
                Duration.ofMillis(200), Duration.ofSeconds(30));
    }

    public CoveyClientSettings withToken(String newToken) {
        return new CoveyClientSettings(baseUrl, newToken, connectTimeout, readTimeout, reconnectInitial, reconnectMax);
    }

    public CoveyClientSettings withTimeouts(Duration connect, Duration read) {
        return new CoveyClientSettings(baseUrl, token, connect, read, reconnectInitial, reconnectMax);
    }

    public CoveyClientSettings withReconnect(Duration initial, Duration max) {
        return new CoveyClientSettings(baseUrl, token, connectTimeout, readTimeout, initial, max);
    }

    /** The event stream's URL: {@code ws://} or {@code wss://} to match the base URL's scheme. */
    URI eventStreamUrl() {
        String scheme = baseUrl.getScheme().equals("https") ? "wss" : "ws";
        return URI.create(scheme + baseUrl.toString().substring(baseUrl.getScheme().length()) + "/ws/events");
    }

    /** The base URL as a URI, or an exception saying what a valid one looks like. */
    public static URI parseBaseUrl(String text) {
        String hint = "covey.client.base-url must be the host's http(s) URL, e.g. http://localhost:7700, but was '" + text + "'";
        if (text == null || text.isBlank()) {
            throw new IllegalArgumentException(hint);
        }
        URI uri;
        try {
            uri = new URI(text.trim());
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException(hint + ": " + e.getMessage());
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https")) {
            throw new IllegalArgumentException(hint + ": the scheme must be http or https");
        }
        if (uri.getHost() == null) {
            throw new IllegalArgumentException(hint + ": it names no host");
        }
        if (uri.getRawQuery() != null || uri.getRawFragment() != null) {
            throw new IllegalArgumentException(hint + ": it must not have a query or fragment");
        }
        // No trailing slash, so paths below it join with exactly one.
        String normalized = uri.toString();
        while (normalized.endsWith("/")) {
            normalized = normalized.substring(0, normalized.length() - 1);
        }
        return URI.create(normalized);
    }

    private static void requirePositive(String what, Duration value) {
        if (value == null || value.isZero() || value.isNegative()) {
            throw new IllegalArgumentException("the " + what + " must be positive, was " + value);
        }
    }
}
