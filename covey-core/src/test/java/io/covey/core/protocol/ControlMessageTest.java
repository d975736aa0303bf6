package io.covey.core.protocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ServerSocketChannel;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.covey.core.json.CoveyJson;
import io.covey.core.worker.StatusCall;

class ControlMessageTest {

    @Test
    void everyMessageSurvivesTheWireWithItsTypeName() throws Exception {
        List<ControlMessage> messages = List.of(
                new ControlMessage.Hello("e1", "w1", 2, "s3cret", 42),
                new ControlMessage.Welcome("Echo", "x.Echo", CoveyJson.toTree(java.util.Map.of("a", 1)), 5000),
                new ControlMessage.Refused("no"),
                new ControlMessage.Status(StatusCall.COMPLETED, null, CoveyJson.toTree(List.of(1, 2))),
                new ControlMessage.Log("worker", "line"),
                new ControlMessage.Publish(CoveyJson.toTree("data")),
                new ControlMessage.Heartbeat(),
                new ControlMessage.Ended("why"),
                new ControlMessage.Stop(),
                new ControlMessage.HealthRequest(7),
                new ControlMessage.HealthResponse(7, false, "disk full"),
                new ControlMessage.WarmHello("e1", 7, "s3cret", 42),
                new ControlMessage.WarmReady(),
                new ControlMessage.Assign("w1", 3, "Echo", "x.Echo", CoveyJson.toTree(java.util.Map.of("a", 1)), 5000));
        for (ControlMessage message : messages) {
            String json = CoveyJson.write(message);
            assertThat(json).doesNotContain("\n").contains("\"type\":");
            assertThat(CoveyJson.mapper().readValue(json, ControlMessage.class)).isEqualTo(message);
        }
        assertThat(CoveyJson.write(new ControlMessage.Stop())).isEqualTo("{\"type\":\"stop\"}");
    }

    @Test
    void helloNeverPrintsItsSecret() {
        assertThat(new ControlMessage.Hello("e", "w", 1, "s3cret", 1).toString()).doesNotContain("s3cret");
        assertThat(new ControlMessage.WarmHello("e", 1, "s3cret", 1).toString()).doesNotContain("s3cret");
    }

    @Test
    void framesLinesAndRefusesOversizedOrMalformedOnes(@TempDir Path dir) throws Exception {
        UnixDomainSocketAddress address = UnixDomainSocketAddress.of(dir.resolve("s"));
        try (ServerSocketChannel server = ServerSocketChannel.open(StandardProtocolFamily.UNIX)) {
            server.bind(address);
            try (ControlChannel client = new ControlChannel(new ControlAddress("unix:" + address.getPath()).connect(), 1024);
                 ControlChannel accepted = new ControlChannel(server.accept(), 1024)) {
                client.send(new ControlMessage.Heartbeat());
                client.sendLine("{\"type\":\"log\",\"stream\":\"worker\",\"line\":\"h\u00e9\"}");
                assertThat(accepted.receive()).isEqualTo(new ControlMessage.Heartbeat());
                assertThat(accepted.receive()).isEqualTo(new ControlMessage.Log("worker", "h\u00e9"));

                assertThatThrownBy(() -> client.sendLine(new byte[2000]))
                        .isInstanceOf(ProtocolException.class).hasMessageContaining("limit of 1024 bytes");
                client.sendLine("{\"type\":\"nope\"}");
                assertThatThrownBy(accepted::receive).isInstanceOf(ProtocolException.class)
                        .hasMessageStartingWith("malformed control message");

                client.socket().write(ByteBuffer.wrap(new byte[4096]));
                assertThatThrownBy(accepted::receive).isInstanceOf(ProtocolException.class)
                        .hasMessageContaining("larger than the limit of 1024 bytes");
            }
        }
    }
}
