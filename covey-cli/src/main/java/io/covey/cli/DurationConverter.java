package io.covey.cli;

import java.time.Duration;

import io.covey.core.json.Durations;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/** Durations as the rest of Covey writes them: 500ms, 10s, 2m, PT10S. */
public final class DurationConverter implements ITypeConverter<Duration> {
    @Override
    public Duration convert(String value) {
        try {
            Duration duration = Durations.parse(value);
            if (duration.isZero() || duration.isNegative()) {
                throw new TypeConversionException("'" + value + "' must be longer than zero");
            }
            return duration;
        } catch (IllegalArgumentException e) {
            throw new TypeConversionException(e.getMessage());
        }
    }
}
