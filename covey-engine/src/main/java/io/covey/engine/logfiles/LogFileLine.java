package io.covey.engine.logfiles;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.covey.core.api.LogLine;

/**
 * One log line as it is written to a file: {@code 2026-12-07T23:59:01.123Z #3 stdout the text}, time,
 * attempt, stream and text, one line per line: a newline or carriage return in the text (a
 * {@code log()} call may hold one) is written {@code \n} or {@code \r}, a backslash {@code \\}, so
 * a file line is always a whole log line and reads back as it was.
 */
final class LogFileLine {
    private static final Pattern LINE = Pattern.compile("^(\\S+) #(\\d{1,9}) (\\S+) (.*)$");

    private LogFileLine() {
    }

    static String format(LogLine line) {
        return line.time() + " #" + line.attempt() + " " + line.stream() + " " + escape(line.line());
    }

    /** The log line a file line holds, or null for a line that is not one (a file edited by hand). */
    static LogLine parse(String text) {
        Matcher matcher = LINE.matcher(text);
        if (!matcher.matches()) {
            return null;
        }
        try {
            return new LogLine(Instant.parse(matcher.group(1)), Integer.parseInt(matcher.group(2)), matcher.group(3),
                    unescape(matcher.group(4)));
        } catch (DateTimeParseException | IllegalArgumentException e) {
            return null;
        }
    }

    private static String escape(String text) {
        if (text.indexOf('\\') < 0 && text.indexOf('\n') < 0 && text.indexOf('\r') < 0) {
            return text;
        }
        StringBuilder out = new StringBuilder(text.length() + 8);
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                default -> out.append(c);
            }
        }
        return out.toString();
    }

    private static String unescape(String text) {
        if (text.indexOf('\\') < 0) {
            return text;
        }
        StringBuilder out = new StringBuilder(text.length());
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '\\' && i + 1 < text.length()) {
                char next = text.charAt(++i);
                out.append(next == 'n' ? '\n' : next == 'r' ? '\r' : next);
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }
}
