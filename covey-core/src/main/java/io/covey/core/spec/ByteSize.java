package io.covey.core.spec;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;


/**
 * An amount of memory as people write it in declarations: {@code 512k}, {@code 256m}, {@code 1g}
 * (binary multiples, as the JVM's {@code -Xmx} reads them), or a plain number of bytes. On the
 * wire it is the shortest exact form of that text ({@code ByteSizeJson} on each field).
 *
 * @param bytes the amount, at least one byte
 */
public record ByteSize(long bytes) {
    private static final Pattern TEXT = Pattern.compile("(\\d{1,18})\\s*([kmgt]?)i?b?");

    public ByteSize {
        if (bytes < 1) {
            throw new IllegalArgumentException("a memory size must be at least 1 byte, was " + bytes);
        }
    }

    public static ByteSize ofMegabytes(long megabytes) {
        return new ByteSize(Math.multiplyExact(megabytes, 1024L * 1024));
    }

    /** Reads {@code 256m}, {@code 1g}, {@code 64MB}, {@code 4096}; refuses anything else with a message a person can act on. */
    public static ByteSize parse(String text) {
        String value = text == null ? "" : text.trim().toLowerCase(Locale.ROOT);
        Matcher matcher = TEXT.matcher(value);
        if (!matcher.matches()) {
            throw new IllegalArgumentException("'" + text + "' is not a memory size: write it as 512k, 256m or 1g");
        }
        long amount = Long.parseLong(matcher.group(1));
        int shift = switch (matcher.group(2)) {
            case "k" -> 10;
            case "m" -> 20;
            case "g" -> 30;
            case "t" -> 40;
            default -> 0;
        };
        if (amount > (Long.MAX_VALUE >> shift)) {
            throw new IllegalArgumentException("'" + text + "' is too large a memory size");
        }
        return new ByteSize(amount << shift);
    }

    public static ByteSize ofBytes(long bytes) {
        return new ByteSize(bytes);
    }

    /** The shortest exact form: {@code 256m}, {@code 1g}, {@code 1536k}, {@code 1000}. */
    public String text() {
        String[] units = {"t", "g", "m", "k"};
        int[] shifts = {40, 30, 20, 10};
        for (int i = 0; i < units.length; i++) {
            long unit = 1L << shifts[i];
            if (bytes % unit == 0) {
                return bytes / unit + units[i];
            }
        }
        return Long.toString(bytes);
    }

    /** For people: {@code 312.4 MiB}. */
    public static String describe(long bytes) {
        if (bytes < 1024) {
            return bytes + " B";
        }
        String[] units = {"KiB", "MiB", "GiB", "TiB"};
        double value = bytes;
        int unit = -1;
        while (value >= 1024 && unit < units.length - 1) {
            value /= 1024;
            unit++;
        }
        return String.format(Locale.ROOT, "%.1f %s", value, units[unit]);
    }

    @Override
    public String toString() {
        return text();
    }
}
