package io.covey.core.json;

import io.covey.core.spec.ByteSize;
import tools.jackson.core.JsonGenerator;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.databind.DeserializationContext;
import tools.jackson.databind.SerializationContext;
import tools.jackson.databind.ValueDeserializer;
import tools.jackson.databind.ValueSerializer;

/** Jackson glue for {@link ByteSize}: text such as "256m" on the wire; a bare number means bytes. */
public final class ByteSizeJson {
    private ByteSizeJson() {
    }

    public static final class Serializer extends ValueSerializer<ByteSize> {
        @Override
        public void serialize(ByteSize value, JsonGenerator gen, SerializationContext ctxt) {
            gen.writeString(value.text());
        }
    }

    public static final class Deserializer extends ValueDeserializer<ByteSize> {
        @Override
        public ByteSize deserialize(JsonParser p, DeserializationContext ctxt) {
            try {
                if (p.currentToken() == JsonToken.VALUE_NUMBER_INT) {
                    return ByteSize.ofBytes(p.getLongValue());
                }
                if (p.currentToken() != JsonToken.VALUE_STRING) {
                    return (ByteSize) ctxt.handleUnexpectedToken(ByteSize.class, p);
                }
                return ByteSize.parse(p.getString());
            } catch (IllegalArgumentException e) {
                return (ByteSize) ctxt.handleWeirdStringValue(ByteSize.class, p.getString(), e.getMessage());
            }
        }
    }
}
