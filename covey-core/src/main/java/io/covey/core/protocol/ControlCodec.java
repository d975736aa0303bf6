package io.covey.core.protocol;

import java.io.StringWriter;
import java.util.Base64;
import java.util.Map;

import io.covey.core.text.SafeText;
import io.covey.core.worker.StatusCall;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonGenerator;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.core.ObjectReadContext;
import tools.jackson.core.ObjectWriteContext;
import tools.jackson.core.StreamReadFeature;
import tools.jackson.core.json.JsonFactory;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * {@link ControlMessage}s to and from their JSON lines on jackson-core's streaming API, without
 * databind's {@code ObjectMapper}: building a mapper and its (de)serializers is most of a cold
 * child's CPU before RUNNING (issue 18), and a child whose params need no binding never builds one.
 * The trees a message carries (params, results, published data, input) are plain {@link JsonNode}s
 * made with {@link JsonNodeFactory}, which needs no mapper either.
 * <p>
 * The wire format is the one databind wrote and read (the tests hold the two together, byte for
 * byte): {@code "type"} first, then the record's components in order, nulls left out, a Log's
 * {@code continued} only when true, bytes as base64. Unknown properties are refused, as the
 * mapper refused them, and missing numbers are 0.
 */
public final class ControlCodec {
    // A repeated property (two "type"s) would otherwise be read as its last value: refuse it.
    private static final JsonFactory FACTORY = JsonFactory.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION).build();
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private ControlCodec() {
    }

    /** The message as one line of JSON (no newline), well-formed UTF-8 even where its text had lone surrogates. */
    public static byte[] encode(ControlMessage message) {
        return SafeText.utf8(encodeText(message));
    }

    /** The message as JSON text, as databind's {@code writeValueAsString} would have written it. */
    public static String encodeText(ControlMessage message) {
        StringWriter out = new StringWriter(128);
        try (JsonGenerator g = FACTORY.createGenerator(ObjectWriteContext.empty(), out)) {
            g.writeStartObject();
            if (message instanceof ControlMessage.Hello m) {
                type(g, "hello");
                string(g, "epoch", m.epoch());
                string(g, "workerId", m.workerId());
                g.writeName("attempt");
                g.writeNumber(m.attempt());
                string(g, "secret", m.secret());
                g.writeName("pid");
                g.writeNumber(m.pid());
            } else if (message instanceof ControlMessage.Welcome m) {
                type(g, "welcome");
                string(g, "workerType", m.workerType());
                string(g, "workerClass", m.workerClass());
                tree(g, "params", m.params());
                g.writeName("heartbeatMillis");
                g.writeNumber(m.heartbeatMillis());
                g.writeName("instance");
                g.writeNumber(m.instance());
            } else if (message instanceof ControlMessage.Refused m) {
                type(g, "refused");
                string(g, "reason", m.reason());
            } else if (message instanceof ControlMessage.Status m) {
                type(g, "status");
                string(g, "call", m.call().name());
                string(g, "message", m.message());
                tree(g, "result", m.result());
            } else if (message instanceof ControlMessage.Log m) {
                type(g, "log");
                string(g, "stream", m.stream());
                string(g, "line", m.line());
                if (m.continued()) {
                    g.writeName("continued");
                    g.writeBoolean(true);
                }
            } else if (message instanceof ControlMessage.Publish m) {
                type(g, "publish");
                tree(g, "data", m.data());
            } else if (message instanceof ControlMessage.Heartbeat) {
                type(g, "heartbeat");
            } else if (message instanceof ControlMessage.Ended m) {
                type(g, "ended");
                string(g, "failure", m.failure());
            } else if (message instanceof ControlMessage.Stop) {
                type(g, "stop");
            } else if (message instanceof ControlMessage.HealthRequest m) {
                type(g, "health-request");
                g.writeName("id");
                g.writeNumber(m.id());
            } else if (message instanceof ControlMessage.HealthResponse m) {
                type(g, "health-response");
                g.writeName("id");
                g.writeNumber(m.id());
                g.writeName("healthy");
                g.writeBoolean(m.healthy());
                string(g, "message", m.message());
            } else if (message instanceof ControlMessage.WarmHello m) {
                type(g, "warmHello");
                string(g, "epoch", m.epoch());
                g.writeName("slot");
                g.writeNumber(m.slot());
                string(g, "secret", m.secret());
                g.writeName("pid");
                g.writeNumber(m.pid());
            } else if (message instanceof ControlMessage.WarmReady) {
                type(g, "warmReady");
            } else if (message instanceof ControlMessage.Assign m) {
                type(g, "assign");
                string(g, "workerId", m.workerId());
                g.writeName("attempt");
                g.writeNumber(m.attempt());
                string(g, "workerType", m.workerType());
                string(g, "workerClass", m.workerClass());
                tree(g, "params", m.params());
                g.writeName("heartbeatMillis");
                g.writeNumber(m.heartbeatMillis());
                g.writeName("instance");
                g.writeNumber(m.instance());
            } else if (message instanceof ControlMessage.Input m) {
                type(g, "input");
                g.writeName("seq");
                g.writeNumber(m.seq());
                tree(g, "json", m.json());
                if (m.bytes() != null) {
                    string(g, "bytes", Base64.getEncoder().encodeToString(m.bytes()));
                }
            } else if (message instanceof ControlMessage.InputHandled m) {
                type(g, "input-handled");
                g.writeName("seq");
                g.writeNumber(m.seq());
            } else {
                throw new IllegalArgumentException("not a control message: " + message);
            }
            g.writeEndObject();
        }
        return out.toString();
    }

    private static void type(JsonGenerator g, String type) {
        g.writeName("type");
        g.writeString(type);
    }

    private static void string(JsonGenerator g, String name, String value) {
        if (value != null) {
            g.writeName(name);
            g.writeString(value);
        }
    }

    private static void tree(JsonGenerator g, String name, JsonNode value) {
        if (value != null) {
            g.writeName(name);
            write(g, value);
        }
    }

    /** A tree written token by token, as databind writes the node types a message can hold. */
    static void write(JsonGenerator g, JsonNode node) {
        if (node.isObject()) {
            g.writeStartObject();
            for (Map.Entry<String, JsonNode> entry : node.properties()) {
                g.writeName(entry.getKey());
                write(g, entry.getValue());
            }
            g.writeEndObject();
        } else if (node.isArray()) {
            g.writeStartArray();
            for (JsonNode element : node) {
                write(g, element);
            }
            g.writeEndArray();
        } else if (node.isString()) {
            g.writeString(node.stringValue());
        } else if (node.isBoolean()) {
            g.writeBoolean(node.booleanValue());
        } else if (node.isNull() || node.isMissingNode()) {
            g.writeNull();
        } else if (node.isInt() || node.isShort()) {
            g.writeNumber(node.intValue());
        } else if (node.isLong()) {
            g.writeNumber(node.longValue());
        } else if (node.isBigInteger()) {
            g.writeNumber(node.bigIntegerValue());
        } else if (node.isFloat()) {
            g.writeNumber(node.floatValue());
        } else if (node.isDouble()) {
            g.writeNumber(node.doubleValue());
        } else if (node.isBigDecimal()) {
            g.writeNumber(node.decimalValue());
        } else if (node.isBinary()) {
            g.writeBinary(node.binaryValue());
        } else {
            // A POJO node (a worker put an object into a tree by hand): only a mapper knows how to write it.
            g.writeRawValue(io.covey.core.json.CoveyJson.mapper().writeValueAsString(node));
        }
    }

    /** The message of one line; anything that is not a well-formed control message is a ProtocolException. */
    public static ControlMessage decode(byte[] line) throws ProtocolException {
        JsonNode tree;
        try (JsonParser p = FACTORY.createParser(ObjectReadContext.empty(), line)) {
            JsonToken first = p.nextToken();
            if (first != JsonToken.START_OBJECT) {
                throw new ProtocolException("malformed control message: not a JSON object");
            }
            tree = read(p, first);
            if (p.nextToken() != null) {
                throw new ProtocolException("malformed control message: more than one JSON value on the line");
            }
        } catch (JacksonException e) {
            throw new ProtocolException("malformed control message: " + e.getOriginalMessage());
        }
        try {
            return fromTree(new Fields(tree));
        } catch (IllegalArgumentException | NullPointerException e) {
            throw new ProtocolException("malformed control message: " + e.getMessage());
        }
    }

    /** The tree of the value whose first token is {@code token}, as databind reads one into a JsonNode. */
    static JsonNode read(JsonParser p, JsonToken token) {
        switch (token) {
            case START_OBJECT -> {
                ObjectNode object = NODES.objectNode();
                JsonToken next;
                while ((next = p.nextToken()) == JsonToken.PROPERTY_NAME) {
                    String name = p.currentName();
                    object.set(name, read(p, p.nextToken()));
                }
                return object;
            }
            case START_ARRAY -> {
                ArrayNode array = NODES.arrayNode();
                JsonToken next;
                while ((next = p.nextToken()) != JsonToken.END_ARRAY) {
                    array.add(read(p, next));
                }
                return array;
            }
            case VALUE_STRING -> {
                return NODES.stringNode(p.getString());
            }
            case VALUE_NUMBER_INT -> {
                return switch (p.getNumberType()) {
                    case INT -> NODES.numberNode(p.getIntValue());
                    case LONG -> NODES.numberNode(p.getLongValue());
                    default -> NODES.numberNode(p.getBigIntegerValue());
                };
            }
            case VALUE_NUMBER_FLOAT -> {
                return NODES.numberNode(p.getDoubleValue());
            }
            case VALUE_TRUE -> {
                return NODES.booleanNode(true);
            }
            case VALUE_FALSE -> {
                return NODES.booleanNode(false);
            }
            case VALUE_NULL -> {
                return NODES.nullNode();
            }
            default -> throw new IllegalStateException("unexpected JSON token " + token);
        }
    }

    private static ControlMessage fromTree(Fields f) throws ProtocolException {
        String type = f.string("type");
        if (type == null) {
            throw new ProtocolException("malformed control message: no \"type\"");
        }
        ControlMessage message = switch (type) {
            case "hello" -> new ControlMessage.Hello(f.string("epoch"), f.string("workerId"), f.integer("attempt"),
                    f.string("secret"), f.number("pid"));
            case "welcome" -> new ControlMessage.Welcome(f.string("workerType"), f.string("workerClass"),
                    f.tree("params"), f.number("heartbeatMillis"), f.integer("instance"));
            case "refused" -> new ControlMessage.Refused(f.string("reason"));
            case "status" -> new ControlMessage.Status(f.call("call"), f.string("message"), f.tree("result"));
            case "log" -> new ControlMessage.Log(f.string("stream"), f.string("line"), f.bool("continued"));
            case "publish" -> new ControlMessage.Publish(f.tree("data"));
            case "heartbeat" -> new ControlMessage.Heartbeat();
            case "ended" -> new ControlMessage.Ended(f.string("failure"));
            case "stop" -> new ControlMessage.Stop();
            case "health-request" -> new ControlMessage.HealthRequest(f.number("id"));
            case "health-response" -> new ControlMessage.HealthResponse(f.number("id"), f.bool("healthy"),
                    f.string("message"));
            case "warmHello" -> new ControlMessage.WarmHello(f.string("epoch"), f.number("slot"), f.string("secret"),
                    f.number("pid"));
            case "warmReady" -> new ControlMessage.WarmReady();
            case "assign" -> new ControlMessage.Assign(f.string("workerId"), f.integer("attempt"),
                    f.string("workerType"), f.string("workerClass"), f.tree("params"), f.number("heartbeatMillis"),
                    f.integer("instance"));
            case "input" -> new ControlMessage.Input(f.number("seq"), f.tree("json"), f.bytes("bytes"));
            case "input-handled" -> new ControlMessage.InputHandled(f.number("seq"));
            default -> throw new ProtocolException("malformed control message: unknown type \"" + type + "\"");
        };
        f.refuseUnread();
        return message;
    }

    /** The properties of one message object, each read at most once; any left unread is unknown. */
    private static final class Fields {
        private final ObjectNode object;
        private final java.util.Set<String> read = new java.util.HashSet<>();

        Fields(JsonNode object) {
            this.object = (ObjectNode) object;
        }

        private JsonNode get(String name) {
            read.add(name);
            JsonNode value = object.get(name);
            return value == null || value.isNull() ? null : value;
        }

        String string(String name) {
            JsonNode value = get(name);
            if (value == null) {
                return null;
            }
            if (!value.isString()) {
                throw new IllegalArgumentException("\"" + name + "\" must be a string");
            }
            return value.stringValue();
        }

        long number(String name) {
            JsonNode value = get(name);
            if (value == null) {
                return 0;
            }
            if (!value.isIntegralNumber() || !value.canConvertToLong()) {
                throw new IllegalArgumentException("\"" + name + "\" must be a whole number");
            }
            return value.longValue();
        }

        int integer(String name) {
            JsonNode value = get(name);
            if (value == null) {
                return 0;
            }
            if (!value.isIntegralNumber() || !value.canConvertToInt()) {
                throw new IllegalArgumentException("\"" + name + "\" must be a whole number of int range");
            }
            return value.intValue();
        }

        boolean bool(String name) {
            JsonNode value = get(name);
            if (value == null) {
                return false;
            }
            if (!value.isBoolean()) {
                throw new IllegalArgumentException("\"" + name + "\" must be true or false");
            }
            return value.booleanValue();
        }

        /** A tree property: JSON null is a NullNode, as databind binds it; absent is null. */
        JsonNode tree(String name) {
            read.add(name);
            return object.get(name);
        }

        StatusCall call(String name) {
            String value = string(name);
            if (value == null) {
                return null;
            }
            try {
                return StatusCall.valueOf(value);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("\"" + name + "\" is not a status call: " + value);
            }
        }

        byte[] bytes(String name) {
            String value = string(name);
            if (value == null) {
                return null;
            }
            try {
                return Base64.getDecoder().decode(value);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("\"" + name + "\" is not base64");
            }
        }

        void refuseUnread() throws ProtocolException {
            for (Map.Entry<String, JsonNode> entry : object.properties()) {
                if (!read.contains(entry.getKey())) {
                    throw new ProtocolException("malformed control message: unknown property \"" + entry.getKey() + "\"");
                }
            }
        }
    }
}
