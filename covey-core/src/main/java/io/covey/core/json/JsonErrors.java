package io.covey.core.json;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Duration;
import java.util.Arrays;
import java.util.Collection;
import java.util.Map;
import java.util.stream.Collectors;

import io.covey.core.spec.ByteSize;
import tools.jackson.core.JacksonException;
import tools.jackson.core.TokenStreamLocation;
import tools.jackson.core.exc.InputCoercionException;
import tools.jackson.core.exc.StreamConstraintsException;
import tools.jackson.core.exc.StreamReadException;
import tools.jackson.core.exc.UnexpectedEndOfInputException;
import tools.jackson.databind.exc.InvalidFormatException;
import tools.jackson.databind.exc.InvalidTypeIdException;
import tools.jackson.databind.exc.MismatchedInputException;
import tools.jackson.databind.exc.UnrecognizedPropertyException;
import tools.jackson.databind.exc.ValueInstantiationException;

/**
 * What is wrong with a JSON document, in words for whoever sent it: the field (as a path like
 * {@code workers[0].params.from}), what it must be in JSON terms, and where in the text. Never
 * Jackson's own message, which names Java classes and parser settings the sender cannot see.
 */
public final class JsonErrors {
    private JsonErrors() {
    }

    /** The field an error is about, e.g. {@code workers[0].params.from}; empty for the whole document. */
    public static String path(JacksonException e) {
        StringBuilder path = new StringBuilder();
        for (JacksonException.Reference ref : e.getPath()) {
            if (ref.getPropertyName() != null) {
                path.append(path.isEmpty() ? "" : ".").append(ref.getPropertyName());
            } else if (ref.getIndex() >= 0) {
                path.append('[').append(ref.getIndex()).append(']');
            }
        }
        return path.toString();
    }

    /** One clause, e.g. "'from' must be a whole number, was \"ten\"" or "the text is not valid JSON at line 1, column 9". */
    public static String describe(JacksonException e) {
        String path = path(e);
        String field = path.isEmpty() ? "the value" : "'" + path + "'";
        if (e instanceof StreamConstraintsException) {
            String message = String.valueOf(e.getOriginalMessage());
            return message.contains("nesting depth") ? "the JSON nests deeper than allowed"
                    : "the JSON has a number, name or string longer than allowed";
        }
        if (e instanceof UnexpectedEndOfInputException) {
            return "the JSON ends too early" + at(e.getLocation());
        }
        if (e instanceof InputCoercionException) {
            return "the JSON has a number out of range" + at(e.getLocation());
        }
        if (e instanceof StreamReadException) {
            return "the text is not valid JSON" + at(e.getLocation());
        }
        String refusal = refusal(e);
        if (refusal != null) {
            return field + " was refused: " + refusal;
        }
        if (e instanceof UnrecognizedPropertyException unknown) {
            String known = unknown.getKnownPropertyIds() == null ? "" : unknown.getKnownPropertyIds().stream()
                    .map(String::valueOf).sorted().collect(Collectors.joining(", "));
            return field + " is not a known field" + (known.isEmpty() ? "" : " (known fields there: " + known + ")");
        }
        if (e instanceof InvalidFormatException format && format.getTargetType() == Duration.class
                && format.getValue() instanceof String text) {
            try {
                Durations.parse(text);
            } catch (IllegalArgumentException refused) {
                return field + " was refused: " + refused.getMessage();
            }
        }
        if (e instanceof InvalidFormatException format && format.getTargetType() == ByteSize.class
                && format.getValue() instanceof String text) {
            try {
                ByteSize.parse(text);
            } catch (IllegalArgumentException refused) {
                return field + " was refused: " + refused.getMessage();
            }
        }
        if (e instanceof InvalidFormatException format) {
            return field + " must be " + expected(format.getTargetType()) + ", was " + shown(format.getValue());
        }
        if (e instanceof InvalidTypeIdException) {
            return field + " names an unknown kind";
        }
        if (e instanceof ValueInstantiationException) {
            return field + " was refused: it has a value its type cannot take";
        }
        if (e instanceof MismatchedInputException mismatch) {
            String message = String.valueOf(e.getOriginalMessage());
            if (message.startsWith("Cannot map `null`") || message.contains("Missing required creator property")
                    || message.startsWith("Null value for creator property")) {
                return field + " is required (" + expected(mismatch.getTargetType()) + ")";
            }
            return field + " must be " + expected(mismatch.getTargetType());
        }
        return field + " does not fit what is expected there";
    }

    /**
     * {@link #describe(JacksonException)} for an error in binding a tree: where the error itself
     * does not say what the value was (a refused coercion, such as {@code 1.5} for an integer or
     * {@code "ten"} for a number), the value at the error's path in {@code source} is added.
     */
    public static String describe(JacksonException e, tools.jackson.databind.JsonNode source) {
        String text = describe(e);
        if (text.contains(", was ") || source == null) {
            return text;
        }
        tools.jackson.databind.JsonNode node = source;
        for (JacksonException.Reference ref : e.getPath()) {
            if (node == null) {
                break;
            }
            node = ref.getPropertyName() != null ? node.get(ref.getPropertyName())
                    : ref.getIndex() >= 0 ? node.get(ref.getIndex()) : node;
        }
        if (node == null || node == source || node.isContainer() || node.isMissingNode()) {
            return text;
        }
        return text + ", was " + (node.isString() ? shown(node.asString()) : node.toString());
    }

    /** The message of a value's own check (a record's compact constructor, a creator) that Jackson wrapped, if one refused it. */
    private static String refusal(JacksonException e) {
        for (Throwable cause = e.getCause(); cause != null && cause != cause.getCause(); cause = cause.getCause()) {
            if (cause instanceof IllegalArgumentException && !(cause instanceof NumberFormatException)
                    || cause.getClass().getName().startsWith("io.covey.")) {
                return cause.getMessage();
            }
        }
        return null;
    }

    /** The JSON shape a Java type reads from, e.g. "a whole number" for {@code int}. */
    static String expected(Class<?> type) {
        if (type == null) {
            return "a different value";
        }
        if (type == String.class || type == char.class || type == Character.class || CharSequence.class.isAssignableFrom(type)) {
            return "a string";
        }
        if (type == int.class || type == long.class || type == short.class || type == byte.class || type == Integer.class
                || type == Long.class || type == Short.class || type == Byte.class || type == BigInteger.class) {
            return "a whole number";
        }
        if (type == double.class || type == float.class || Number.class.isAssignableFrom(type) || type == BigDecimal.class) {
            return "a number";
        }
        if (type == boolean.class || type == Boolean.class) {
            return "true or false";
        }
        if (type.isEnum()) {
            return "one of " + Arrays.stream(type.getEnumConstants()).map(CoveyJson::write).collect(Collectors.joining(", "));
        }
        if (type == Duration.class) {
            return "a duration such as \"10s\" or \"500ms\"";
        }
        if (type == ByteSize.class) {
            return "a memory size such as \"256m\" or \"1g\"";
        }
        if (type.isArray() || Collection.class.isAssignableFrom(type)) {
            return "an array";
        }
        if (Map.class.isAssignableFrom(type) || type.isRecord()) {
            return "an object";
        }
        return "a value of another shape";
    }

    private static String shown(Object value) {
        String text = value instanceof String string ? CoveyJson.write(string) : String.valueOf(value);
        return text.length() > 80 ? text.substring(0, 80) + "…" : text;
    }

    private static String at(TokenStreamLocation location) {
        return location == null || location.getLineNr() < 1 ? ""
                : " at line " + location.getLineNr() + ", column " + location.getColumnNr();
    }
}
