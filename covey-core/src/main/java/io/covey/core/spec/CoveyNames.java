package io.covey.core.spec;

import java.util.regex.Pattern;

/** The one rule for group names, worker ids and worker type names. */
public final class CoveyNames {
    public static final String PATTERN_TEXT = "[A-Za-z0-9][A-Za-z0-9._-]{0,127}";
    private static final Pattern PATTERN = Pattern.compile(PATTERN_TEXT);

    private CoveyNames() {
    }

    public static boolean isValid(String name) {
        return name != null && PATTERN.matcher(name).matches();
    }

    /** Returns the name, or throws {@link InvalidNameException} saying what a valid one looks like. */
    public static String require(String what, String name) {
        if (!isValid(name)) {
            throw new InvalidNameException(what, name);
        }
        return name;
    }

    /** A name, shortened and stripped of control characters, safe to put into an error message. */
    public static String printable(String name) {
        if (name == null) {
            return "null";
        }
        String shortened = name.length() > 64 ? name.substring(0, 64) + "…(" + name.length() + " chars)" : name;
        StringBuilder out = new StringBuilder();
        shortened.codePoints().forEach(c -> {
            if (Character.isISOControl(c)) {
                out.append(String.format("\\u%04x", c));
            } else {
                out.appendCodePoint(c);
            }
        });
        return out.toString();
    }
}
