package io.covey.core.worker;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Objects;

import io.covey.core.json.CoveyJson;
import tools.jackson.databind.JsonNode;

/**
 * A piece of input sent to a running worker ({@code send(id, data)}, {@code POST .../input}):
 * a JSON value or raw bytes. The worker receives them in {@link CoveyWorker#onInput}, one at a
 * time, in the order they were accepted.
 */
public sealed interface WorkerInput {

    /** A JSON value, as sent with {@code Content-Type: application/json}. */
    record Json(JsonNode value) implements WorkerInput {
        public Json {
            Objects.requireNonNull(value, "value");
        }

        /** The value converted to {@code type} (a record, a map, a string...). */
        public <T> T as(Class<T> type) {
            return CoveyJson.convert(value, type);
        }

        /** A JSON string's characters, any other value's JSON text, as UTF-8. */
        @Override
        public byte[] bytes() {
            String text = value.isString() ? value.asString() : CoveyJson.write(value);
            return text.getBytes(StandardCharsets.UTF_8);
        }

        @Override
        public int size() {
            return bytes().length;
        }
    }

    /** Raw bytes, as sent with {@code Content-Type: application/octet-stream}. */
    record Bytes(byte[] value) implements WorkerInput {
        public Bytes {
            value = Objects.requireNonNull(value, "value").clone();
        }

        @Override
        public byte[] value() {
            return value.clone();
        }

        @Override
        public byte[] bytes() {
            return value.clone();
        }

        @Override
        public int size() {
            return value.length;
        }

        @Override
        public boolean equals(Object other) {
            return other instanceof Bytes bytes && Arrays.equals(value, bytes.value);
        }

        @Override
        public int hashCode() {
            return Arrays.hashCode(value);
        }

        @Override
        public String toString() {
            return "Bytes[" + value.length + " bytes]";
        }
    }

    /** The input as bytes: raw bytes as they came, JSON as described at {@link Json#bytes()}. */
    byte[] bytes();

    /** How many bytes it holds (for JSON, of {@link #bytes()}). */
    int size();

    static WorkerInput json(Object value) {
        return new Json(CoveyJson.toTree(value));
    }

    static WorkerInput bytes(byte[] value) {
        return new Bytes(value);
    }

    /** {@code data} as input: a WorkerInput as it is, a byte array as bytes, anything else as JSON. */
    static WorkerInput of(Object data) {
        if (data instanceof WorkerInput input) {
            return input;
        }
        if (data instanceof byte[] raw) {
            return new Bytes(raw);
        }
        return json(data);
    }
}
