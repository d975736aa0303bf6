package io.covey.core.json;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.cfg.CoercionAction;
import tools.jackson.databind.cfg.CoercionInputShape;
import tools.jackson.databind.cfg.MapperBuilder;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;
import tools.jackson.databind.type.LogicalType;

/**
 * The one JSON configuration Covey uses for params, results, events and control messages, so
 * that the host, the client and the child agree on every byte.
 */
public final class CoveyJson {
    private CoveyJson() {
    }

    /** Built on first use: code that only {@link #configure}s a mapper of its own does not pay for this one. */
    private static final class Holder {
        static final JsonMapper MAPPER = configure(JsonMapper.builder()).build();
    }

    public static JsonMapper mapper() {
        return Holder.MAPPER;
    }

    /** Built on first use, like the mapper. */
    private static final class ParamsHolder {
        static final JsonMapper PARAMS = strictScalars(Holder.MAPPER.rebuild()).build();
    }

    /**
     * The mapper that binds workers' params: the same as {@link #mapper()}, and strict about scalars,
     * so a declaration means what it says: no {@code 1.5} silently truncated to an {@code int}, no
     * {@code "5"} taken for a number, no {@code "true"} or {@code 1} taken for a boolean.
     */
    public static JsonMapper paramsMapper() {
        return ParamsHolder.PARAMS;
    }

    private static JsonMapper.Builder strictScalars(JsonMapper.Builder builder) {
        return builder.disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT)
                .withCoercionConfig(LogicalType.Integer, config -> config
                        .setCoercion(CoercionInputShape.Float, CoercionAction.Fail)
                        .setCoercion(CoercionInputShape.String, CoercionAction.Fail)
                        .setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail))
                .withCoercionConfig(LogicalType.Float, config -> config
                        .setCoercion(CoercionInputShape.String, CoercionAction.Fail)
                        .setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail))
                .withCoercionConfig(LogicalType.Boolean, config -> config
                        .setCoercion(CoercionInputShape.String, CoercionAction.Fail)
                        .setCoercion(CoercionInputShape.Integer, CoercionAction.Fail));
    }

    /**
     * Applies Covey's settings to a builder: one made over a factory with stricter read limits,
     * or one for another format (the YAML of a groups file).
     */
    public static <M extends ObjectMapper, B extends MapperBuilder<M, B>> B configure(B builder) {
        // Unknown fields are a typo in a declaration: refuse them rather than ignore them.
        return builder.enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
    }

    /** Any value (a record, a map, a number, null) as a JSON tree. */
    public static JsonNode toTree(Object value) {
        if (value == null) {
            return JsonNodeFactory.instance.nullNode();
        }
        if (value instanceof JsonNode node) {
            return node;
        }
        return mapper().valueToTree(value);
    }

    public static <T> T convert(JsonNode node, Class<T> type) {
        return mapper().treeToValue(node, type);
    }

    public static String write(Object value) {
        return mapper().writeValueAsString(value);
    }

    /** The same tree with object keys sorted at every level, so equal content gives equal text. */
    public static JsonNode canonical(JsonNode node) {
        if (node == null) {
            return JsonNodeFactory.instance.nullNode();
        }
        if (node.isObject()) {
            List<Map.Entry<String, JsonNode>> entries = new ArrayList<>(node.properties());
            entries.sort(Map.Entry.comparingByKey());
            ObjectNode sorted = JsonNodeFactory.instance.objectNode();
            for (Map.Entry<String, JsonNode> entry : entries) {
                sorted.set(entry.getKey(), canonical(entry.getValue()));
            }
            return sorted;
        }
        if (node.isArray()) {
            ArrayNode copy = JsonNodeFactory.instance.arrayNode();
            for (JsonNode element : node) {
                copy.add(canonical(element));
            }
            return copy;
        }
        return node;
    }

    public static String canonicalText(JsonNode node) {
        return mapper().writeValueAsString(canonical(node));
    }
}
