package io.covey.core.protocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.covey.core.json.CoveyJson;
import io.covey.core.worker.StatusCall;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * The streaming codec against databind, the format's previous writer and reader: for every message
 * type the same bytes out, and the same message back from databind's bytes, so a host and a child
 * of either kind still understand each other.
 */
class ControlCodecTest {
    private static final String NASTY = "tab\t nul\u0000 esc\u001b[31m quote\" back\\ slash/ cr\r nl\n "
            + "\u00e9 \u4e2d \ud83d\ude00 \u2028\u2029 \ufeff";

    private static JsonNode tree() {
        Map<String, Object> value = new LinkedHashMap<>();
        value.put("int", 1);
        value.put("long", 1L << 40);
        value.put("big", new BigInteger("123456789012345678901234567890"));
        value.put("double", 1.5);
        value.put("negative", -0.25e-10);
        value.put("text", NASTY);
        value.put("none", null);
        value.put("yes", true);
        value.put("list", List.of(1, "two", List.of(), Map.of()));
        value.put(NASTY, Map.of("nested", List.of(false)));
        return CoveyJson.toTree(value);
    }

    static List<ControlMessage> everyType() {
        List<ControlMessage> messages = new ArrayList<>(List.of(
                new ControlMessage.Hello("e1", "w1", 2, "s3cret", 42),
                new ControlMessage.Hello(NASTY, NASTY, Integer.MIN_VALUE, NASTY, Long.MAX_VALUE),
                new ControlMessage.Welcome("Echo", "x.Echo", tree(), 5000, 3),
                new ControlMessage.Welcome("Echo", "x.Echo", null, 1),
                new ControlMessage.Welcome("Echo", "x.Echo", JsonNodeFactory.instance.nullNode(), 1),
                new ControlMessage.Refused("no " + NASTY),
                new ControlMessage.Refused(null),
                new ControlMessage.Status(StatusCall.COMPLETED, null, CoveyJson.toTree(List.of(1, 2))),
                new ControlMessage.Status(StatusCall.RUNNING, NASTY, null),
                new ControlMessage.Status(StatusCall.FAILED, "x", tree()),
                new ControlMessage.Log("worker", "line"),
                new ControlMessage.Log("covey", NASTY, true),
                new ControlMessage.Log("worker", "", false),
                new ControlMessage.Publish(tree()),
                new ControlMessage.Publish(CoveyJson.toTree("data")),
                new ControlMessage.Publish(CoveyJson.toTree(null)),
                new ControlMessage.Heartbeat(),
                new ControlMessage.Ended("why " + NASTY),
                new ControlMessage.Ended(null),
                new ControlMessage.Stop(),
                new ControlMessage.HealthRequest(7),
                new ControlMessage.HealthResponse(7, false, "disk full"),
                new ControlMessage.HealthResponse(-1, true, null),
                new ControlMessage.WarmHello("e1", 7, "s3cret", 42),
                new ControlMessage.WarmReady(),
                new ControlMessage.Assign("w1", 3, "Echo", "x.Echo", tree(), 5000, 2),
                new ControlMessage.Assign("w1", 0, "Echo", "x.Echo", null, 5000),
                new ControlMessage.Input(1, tree(), null),
                new ControlMessage.Input(2, JsonNodeFactory.instance.nullNode(), null),
                new ControlMessage.Input(3, null, new byte[0]),
                new ControlMessage.Input(Long.MAX_VALUE, null, new byte[] {0, -1, 10, 13, 127, -128, 1, 2, 3, 4}),
                new ControlMessage.InputHandled(9)));
        for (StatusCall call : StatusCall.values()) {
            messages.add(new ControlMessage.Status(call, "m", null));
        }
        return messages;
    }

    @Test
    void writesEveryMessageByteForByteAsDatabindDid() {
        for (ControlMessage message : everyType()) {
            assertThat(new String(ControlCodec.encode(message), StandardCharsets.UTF_8))
                    .as(message.getClass().getSimpleName())
                    .isEqualTo(CoveyJson.write(message))
                    .doesNotContain("\n");
        }
        // A BigDecimal keeps its scale on the way out; on the way in a fraction is a double, as readTree reads it.
        ControlMessage decimal = new ControlMessage.Publish(CoveyJson.toTree(new BigDecimal("1.10")));
        assertThat(ControlCodec.encodeText(decimal)).isEqualTo(CoveyJson.write(decimal))
                .isEqualTo("{\"type\":\"publish\",\"data\":1.10}");
    }

    @Test
    void readsEveryMessageAsDatabindDid() throws Exception {
        for (ControlMessage message : everyType()) {
            byte[] databind = CoveyJson.mapper().writeValueAsBytes(message);
            ControlMessage decoded = ControlCodec.decode(databind);
            ControlMessage expected = CoveyJson.mapper().readValue(databind, ControlMessage.class);
            assertThat(decoded).as(message.getClass().getSimpleName()).hasSameClassAs(expected);
            assertThat(CoveyJson.write(decoded)).isEqualTo(CoveyJson.write(expected));
            if (!(message instanceof ControlMessage.Input)) {
                // Input holds a byte[], which records compare by identity; its text is compared above.
                assertThat(decoded).isEqualTo(expected).isEqualTo(message);
            }
        }
    }

    @Test
    void readsPropertiesInAnyOrderAndMissingNumbersAsZero() throws Exception {
        assertThat(decode("{\"pid\":5,\"secret\":\"s\",\"workerId\":\"w\",\"epoch\":\"e\",\"type\":\"hello\"}"))
                .isEqualTo(new ControlMessage.Hello("e", "w", 0, "s", 5));
        assertThat(decode(" {\"type\":\"log\",\"stream\":\"worker\",\"line\":\"x\",\"continued\":false} "))
                .isEqualTo(new ControlMessage.Log("worker", "x"));
        assertThat(decode("{\"type\":\"status\",\"call\":\"COMPLETED\",\"result\":{\"a\":[1,2.5,null]}}"))
                .isEqualTo(new ControlMessage.Status(StatusCall.COMPLETED, null,
                        CoveyJson.mapper().readTree("{\"a\":[1,2.5,null]}")));
    }

    @Test
    void aLoneSurrogateGoesOutAsTheReplacementCharacter() throws Exception {
        String lone = "high \ud800 low \udc00 pair \ud83d\ude00 end \udbff";
        String fixed = "high \ufffd low \ufffd pair \ud83d\ude00 end \ufffd";
        ObjectNode data = JsonNodeFactory.instance.objectNode().put("k" + lone, lone);
        ObjectNode fixedData = JsonNodeFactory.instance.objectNode().put("k" + fixed, fixed);

        ControlMessage.Log log = (ControlMessage.Log) ControlCodec.decode(
                ControlCodec.encode(new ControlMessage.Log("worker", lone)));
        assertThat(log.line()).isEqualTo(fixed);
        ControlMessage.Publish publish = (ControlMessage.Publish) ControlCodec.decode(
                ControlCodec.encode(new ControlMessage.Publish(data)));
        assertThat(publish.data()).isEqualTo(fixedData);
        ControlMessage.Status status = (ControlMessage.Status) ControlCodec.decode(
                ControlCodec.encode(new ControlMessage.Status(StatusCall.COMPLETED, lone, data)));
        assertThat(status.message()).isEqualTo(fixed);
        assertThat(status.result()).isEqualTo(fixedData);
        // The bytes themselves are well-formed UTF-8: decoding them strictly loses nothing.
        byte[] bytes = ControlCodec.encode(new ControlMessage.Ended(lone));
        assertThat(StandardCharsets.UTF_8.newDecoder().decode(java.nio.ByteBuffer.wrap(bytes)).toString())
                .contains(fixed);
    }

    @Test
    void refusesWhatIsNotAWellFormedControlMessage() {
        List<String> bad = List.of(
                "", "not json", "[1]", "\"hello\"", "{}", "{\"type\":\"nope\"}", "{\"type\":1}",
                "{\"type\":\"stop\"} {\"type\":\"stop\"}", "{\"type\":\"stop\"",
                "{\"type\":\"stop\",\"extra\":1}",
                "{\"type\":\"hello\",\"workerId\":\"w\",\"secret\":\"s\"}",
                "{\"type\":\"hello\",\"epoch\":\"e\",\"workerId\":\"w\",\"secret\":\"s\",\"attempt\":1.5}",
                "{\"type\":\"hello\",\"epoch\":\"e\",\"workerId\":\"w\",\"secret\":\"s\",\"attempt\":4294967296}",
                "{\"type\":\"welcome\",\"workerType\":\"T\",\"workerClass\":\"C\",\"heartbeatMillis\":0}",
                "{\"type\":\"log\",\"stream\":\"stdout\",\"line\":\"x\"}",
                "{\"type\":\"log\",\"stream\":\"worker\",\"line\":\"x\",\"continued\":\"yes\"}",
                "{\"type\":\"status\",\"call\":\"DANCING\"}",
                "{\"type\":\"status\"}",
                "{\"type\":\"input\",\"seq\":1}",
                "{\"type\":\"input\",\"seq\":1,\"json\":1,\"bytes\":\"AA==\"}",
                "{\"type\":\"input\",\"seq\":1,\"bytes\":\"***\"}",
                "{\"type\":\"health-request\",\"id\":\"7\"}",
                "{\"type\":\"stop\",\"type\":\"heartbeat\"}");
        List<String> accepted = new ArrayList<>();
        for (String line : bad) {
            try {
                accepted.add(line + " -> " + decode(line));
            } catch (ProtocolException e) {
                assertThat(e).as(line).hasMessageStartingWith("malformed control message");
            }
        }
        assertThat(accepted).isEmpty();
        assertThatThrownBy(() -> ControlCodec.decode(new byte[] {'{', '"', (byte) 0xff, '"', ':', '1', '}'}))
                .isInstanceOf(ProtocolException.class).hasMessageStartingWith("malformed control message");
    }

    private static ControlMessage decode(String line) throws ProtocolException {
        return ControlCodec.decode(line.getBytes(StandardCharsets.UTF_8));
    }
}
