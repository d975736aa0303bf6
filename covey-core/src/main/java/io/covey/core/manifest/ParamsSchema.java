package io.covey.core.manifest;

import java.lang.reflect.RecordComponent;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.net.URI;
import java.net.URL;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;

import com.fasterxml.jackson.annotation.JsonProperty;

import io.covey.core.json.CoveyJson;
import tools.jackson.databind.JavaType;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * A JSON Schema (2020-12) of a worker type's params, derived from its params type: a record's
 * components become properties (named as Jackson reads them), with their JSON types, enums with
 * their wire values, nested records as nested objects. Primitive components and those marked
 * {@code @JsonProperty(required = true)} are required: reading params without them fails.
 * A type without params takes an empty object.
 */
public final class ParamsSchema {
    public static final String DIALECT = "https://json-schema.org/draft/2020-12/schema";
    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

    private ParamsSchema() {
    }

    public static ObjectNode of(WorkerType type) {
        ObjectNode schema = JSON.objectNode();
        schema.put("$schema", DIALECT);
        schema.put("title", "params of " + type.name());
        if (type.paramsType() == null) {
            schema.put("type", "object");
            schema.put("maxProperties", 0);
            return schema;
        }
        schema.setAll(schemaOf(type.paramsType(), new HashSet<>()));
        return schema;
    }

    private static ObjectNode schemaOf(JavaType type, Set<Class<?>> enclosing) {
        Class<?> raw = type.getRawClass();
        ObjectNode schema = JSON.objectNode();
        if (raw == Optional.class) {
            return schemaOf(type.containedTypeOrUnknown(0), enclosing);
        }
        if (raw == String.class || raw == char.class || raw == Character.class || raw == URI.class || raw == URL.class
                || raw == Path.class) {
            return schema.put("type", "string");
        }
        if (raw == Duration.class) {
            return schema.put("type", "string").put("description", "a duration such as 10s, 500ms or PT1M");
        }
        if (raw == Instant.class) {
            return schema.put("type", "string").put("format", "date-time");
        }
        if (raw == int.class || raw == long.class || raw == short.class || raw == byte.class || raw == Integer.class
                || raw == Long.class || raw == Short.class || raw == Byte.class || raw == BigInteger.class) {
            return schema.put("type", "integer");
        }
        if (raw == double.class || raw == float.class || raw == Double.class || raw == Float.class || raw == BigDecimal.class) {
            return schema.put("type", "number");
        }
        if (raw == boolean.class || raw == Boolean.class) {
            return schema.put("type", "boolean");
        }
        if (raw.isEnum()) {
            ArrayNode values = schema.put("type", "string").putArray("enum");
            for (Object constant : raw.getEnumConstants()) {
                values.add(CoveyJson.toTree(constant));
            }
            return schema;
        }
        if (type.isArrayType() || type.isCollectionLikeType()) {
            schema.put("type", "array");
            schema.set("items", schemaOf(type.getContentType(), enclosing));
            return schema;
        }
        if (type.isMapLikeType()) {
            schema.put("type", "object");
            schema.set("additionalProperties", schemaOf(type.getContentType(), enclosing));
            return schema;
        }
        if (raw.isRecord() && enclosing.add(raw)) {
            schema.put("type", "object");
            ObjectNode properties = schema.putObject("properties");
            ArrayNode required = JSON.arrayNode();
            for (RecordComponent component : raw.getRecordComponents()) {
                JsonProperty property = component.getAccessor().getAnnotation(JsonProperty.class); // where a component's annotation lands
                String name = property != null && !property.value().isEmpty() ? property.value() : component.getName();
                properties.set(name, schemaOf(CoveyJson.mapper().constructType(component.getGenericType()), enclosing));
                if (component.getType().isPrimitive() || property != null && property.required()) {
                    required.add(name);
                }
            }
            if (!required.isEmpty()) {
                schema.set("required", required);
            }
            enclosing.remove(raw);
            return schema;
        }
        if (JsonNode.class.isAssignableFrom(raw) || raw == Object.class) {
            return schema; // any JSON
        }
        return schema.put("type", "object");
    }
}
