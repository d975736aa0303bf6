package io.covey.core.text;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * Text from a worker made well-formed once, where it enters: a lone UTF-16 surrogate (high or low)
 * becomes U+FFFD, as invalid bytes do when output is decoded. Everything else is kept as it is:
 * control characters (NUL, ESC of ANSI and OSC sequences, a bare CR) are legal in a JSON string
 * once escaped, and Jackson escapes them; what a terminal should not see, the CLI escapes there.
 * <p>
 * Without this, one string with a lone surrogate makes an event no WebSocket can encode (Tomcat
 * closes the session at it, and again at every resume), and a child's JSON that the host refuses.
 * Every method returns its argument itself when nothing needed fixing, so clean text costs a scan.
 */
public final class SafeText {
    public static final char REPLACEMENT = '\uFFFD';

    private SafeText() {
    }

    /** Whether the text is well-formed UTF-16 (null counts as well-formed). */
    public static boolean isWellFormed(CharSequence text) {
        return text == null || firstLoneSurrogate(text) < 0;
    }

    /** The text with every lone surrogate replaced by U+FFFD; null stays null. */
    public static String of(String text) {
        if (text == null) {
            return null;
        }
        int first = firstLoneSurrogate(text);
        if (first < 0) {
            return text;
        }
        StringBuilder fixed = new StringBuilder(text.length()).append(text, 0, first);
        for (int i = first; i < text.length(); i++) {
            char c = text.charAt(i);
            if (Character.isHighSurrogate(c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
                fixed.append(c).append(text.charAt(++i));
            } else {
                fixed.append(Character.isSurrogate(c) ? REPLACEMENT : c);
            }
        }
        return fixed.toString();
    }

    /** The text made well-formed and encoded as UTF-8 (where {@code getBytes} alone would write {@code ?}). */
    public static byte[] utf8(String text) {
        return of(text).getBytes(StandardCharsets.UTF_8);
    }

    /** The tree with every object key and text value made well-formed; the same tree when all of it was. */
    public static JsonNode of(JsonNode node) {
        if (node == null || isWellFormed(node)) {
            return node;
        }
        return copy(node);
    }

    /**
     * The text in pieces of at most {@code maxChars} (at least 2), never cutting a surrogate pair;
     * one piece (possibly empty) for text that fits.
     */
    public static List<String> pieces(String text, int maxChars) {
        if (maxChars < 2) {
            throw new IllegalArgumentException("maxChars must be at least 2, was " + maxChars);
        }
        if (text.length() <= maxChars) {
            return List.of(text);
        }
        List<String> pieces = new ArrayList<>(text.length() / maxChars + 1);
        int start = 0;
        while (start < text.length()) {
            int end = Math.min(text.length(), start + maxChars);
            if (end < text.length() && Character.isHighSurrogate(text.charAt(end - 1))
                    && Character.isLowSurrogate(text.charAt(end))) {
                end--;
            }
            pieces.add(text.substring(start, end));
            start = end;
        }
        return pieces;
    }

    private static boolean isWellFormed(JsonNode node) {
        if (node.isString()) {
            return isWellFormed(node.asString());
        }
        if (node.isObject()) {
            for (Map.Entry<String, JsonNode> entry : node.properties()) {
                if (!isWellFormed(entry.getKey()) || !isWellFormed(entry.getValue())) {
                    return false;
                }
            }
            return true;
        }
        if (node.isArray()) {
            for (JsonNode element : node) {
                if (!isWellFormed(element)) {
                    return false;
                }
            }
        }
        return true;
    }

    private static JsonNode copy(JsonNode node) {
        if (node.isString()) {
            return JsonNodeFactory.instance.stringNode(of(node.asString()));
        }
        if (node.isObject()) {
            ObjectNode copy = JsonNodeFactory.instance.objectNode();
            for (Map.Entry<String, JsonNode> entry : node.properties()) {
                // Two keys may become one ("a\uD800" and "a\uDC00"): the later wins, as in any JSON object.
                copy.set(of(entry.getKey()), copy(entry.getValue()));
            }
            return copy;
        }
        if (node.isArray()) {
            ArrayNode copy = JsonNodeFactory.instance.arrayNode();
            for (JsonNode element : node) {
                copy.add(copy(element));
            }
            return copy;
        }
        return node;
    }

    private static int firstLoneSurrogate(CharSequence text) {
        int length = text.length();
        for (int i = 0; i < length; i++) {
            char c = text.charAt(i);
            if (Character.isSurrogate(c)) {
                if (Character.isHighSurrogate(c) && i + 1 < length && Character.isLowSurrogate(text.charAt(i + 1))) {
                    i++;
                } else {
                    return i;
                }
            }
        }
        return -1;
    }
}
