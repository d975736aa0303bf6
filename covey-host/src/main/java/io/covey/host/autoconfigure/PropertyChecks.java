package io.covey.host.autoconfigure;

import java.net.URI;
import java.time.Duration;

import org.springframework.util.unit.DataSize;
import org.springframework.validation.Errors;

/**
 * Field checks of a properties class, each rejection saying which property, what it must be and
 * what it was, so the startup failure reads "covey.host.max-workers must be at least 1, was 0".
 */
final class PropertyChecks {
    private final String prefix;
    private final Errors errors;

    PropertyChecks(String prefix, Errors errors) {
        this.prefix = prefix;
        this.errors = errors;
    }

    void atLeast(String field, long value, long min) {
        if (value < min) {
            reject(field, "must be at least " + min + ", was " + value);
        }
    }

    void between(String field, double value, double min, double max) {
        if (!(value >= min && value <= max)) {
            reject(field, "must be between " + min + " and " + max + ", was " + value);
        }
    }

    void positive(String field, Duration value) {
        if (value == null || value.isNegative() || value.isZero()) {
            reject(field, "must be a positive duration (e.g. 10s), was " + value);
        }
    }

    void notNegative(String field, Duration value) {
        if (value == null || value.isNegative()) {
            reject(field, "must not be negative, was " + value);
        }
    }

    void positive(String field, DataSize value) {
        if (value == null || value.toBytes() <= 0 || value.toBytes() > Integer.MAX_VALUE) {
            reject(field, "must be between 1B and 2GB, was " + value);
        }
    }

    /** An origin as a browser sends it: scheme://host[:port], nothing after. */
    void origin(String field, String origin) {
        try {
            URI uri = new URI(origin);
            if (uri.getScheme() != null && uri.getHost() != null && (uri.getPath() == null || uri.getPath().isEmpty())
                    && uri.getQuery() == null && uri.getFragment() == null && uri.getUserInfo() == null) {
                return;
            }
        } catch (java.net.URISyntaxException | NullPointerException e) {
            // refused below
        }
        reject(field, "must list origins as scheme://host[:port] (e.g. https://ops.example.com), was '" + origin + "'");
    }

    void reject(String field, String message) {
        errors.rejectValue(field, "invalid", prefix + "." + dashed(field) + " " + message);
    }

    /** maxBodySize -> max-body-size, events.sendTimeLimit -> events.send-time-limit. */
    static String dashed(String field) {
        StringBuilder text = new StringBuilder();
        for (char c : field.toCharArray()) {
            if (Character.isUpperCase(c)) {
                text.append('-').append(Character.toLowerCase(c));
            } else {
                text.append(c);
            }
        }
        return text.toString();
    }
}
