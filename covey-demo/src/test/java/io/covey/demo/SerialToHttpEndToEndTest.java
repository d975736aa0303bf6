package io.covey.demo;

import static io.covey.demo.SerialTesting.everyByte;
import static io.covey.demo.SerialTesting.freePort;
import static io.covey.demo.SerialTesting.portIsFree;
import static io.covey.demo.SerialTesting.processesHolding;
import static io.covey.demo.SerialTesting.serialWorker;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.covey.client.CoveyClient;
import io.covey.core.api.WorkerStatus;
import io.covey.core.event.EventFilter;
import io.covey.core.event.EventType;
import io.covey.core.event.LifecycleEvent;
import io.covey.core.event.Subscription;
import io.covey.core.lifecycle.WorkerState;

/**
 * The whole chain on one device: a real host runs StreamSerialPortToHttp in a child JVM on one
 * end of a socat pty pair; bytes written to the other end come out of the worker's HTTP port.
 */
class SerialToHttpEndToEndTest {
    @TempDir
    Path ttys;
    SocatPair pair;
    DemoHost host;
    CoveyClient covey;
    int port;

    @BeforeEach
    void start() throws Exception {
        pair = SocatPair.start(ttys, "tty");
        host = DemoHost.start();
        covey = host.client();
        port = freePort();
    }

    @AfterEach
    void stop() {
        if (host != null) {
            host.close();
        }
        if (pair != null) {
            pair.close();
        }
    }

    private WorkerStatus serial() {
        return covey.worker("serial");
    }

    @Test
    void bytesWrittenToTheDeviceArriveUnchangedAtAnHttpClient() throws Exception {
        covey.runGroup("bridge", List.of(serialWorker("serial", pair.device(), port)));
        await().until(() -> serial().state() == WorkerState.RUNNING);
        assertThat(serial().foreign()).isTrue();
        assertThat(serial().pid()).isNotNull().isNotEqualTo(ProcessHandle.current().pid());

        try (HttpByteStream stream = HttpByteStream.connect(port)) {
            byte[] sent = everyByte();
            pair.write(sent);
            await().untilAsserted(() -> assertThat(stream.bytes()).isEqualTo(sent));
        }
    }

    @Test
    void bytesPostedAsInputToTheWorkerArriveUnchangedAtTheFarEndOfTheDevice() throws Exception {
        covey.runGroup("bridge", List.of(serialWorker("serial", pair.device(), port)));
        await().until(() -> serial().state() == WorkerState.RUNNING);
        SocatPair.FarEnd farEnd = pair.readFarEnd();

        byte[] sent = everyByte();
        covey.send("serial", sent); // POST /api/v1/workers/serial/input, application/octet-stream, to the child JVM
        covey.send("serial", "and JSON text\n");
        byte[] text = "and JSON text\n".getBytes(StandardCharsets.UTF_8);
        byte[] expected = java.util.Arrays.copyOf(sent, sent.length + text.length);
        System.arraycopy(text, 0, expected, sent.length, text.length);

        await().untilAsserted(() -> assertThat(farEnd.bytes()).isEqualTo(expected));
    }

    @Test
    void anUnpluggedDeviceIsACrashNamingItAndThePluggedBackDeviceStreamsAgain() throws Exception {
        List<LifecycleEvent> events = new CopyOnWriteArrayList<>();
        try (Subscription ignored = covey.subscribe(EventFilter.worker("serial").withTypes(EventType.LIFECYCLE),
                event -> events.add((LifecycleEvent) event))) {
            covey.runGroup("bridge", List.of(serialWorker("serial", pair.device(), port)));
            await().until(() -> serial().state() == WorkerState.RUNNING);
            HttpByteStream before = HttpByteStream.connect(port);

            pair.close();
            await().untilAsserted(() -> assertThat(events).anySatisfy(event -> {
                assertThat(event.state()).isEqualTo(WorkerState.CRASHED);
                assertThat(event.message()).contains(pair.device().toString()).contains("went away");
            }));
            await().until(before::ended);
            // While the device is missing, each attempt crashes at once, naming the device again.
            await().untilAsserted(() -> assertThat(events).anySatisfy(event -> {
                assertThat(event.state()).isEqualTo(WorkerState.CRASHED);
                assertThat(event.message()).contains("serial device " + pair.device() + " is not there");
            }));

            pair = SocatPair.start(ttys, "tty");
            await().atMost(Duration.ofSeconds(20)).until(() -> serial().state() == WorkerState.RUNNING);
            assertThat(serial().attempt()).isGreaterThan(2);
            try (HttpByteStream after = HttpByteStream.connect(port)) {
                byte[] sent = "back again \u0000\u00ff".getBytes(StandardCharsets.ISO_8859_1);
                pair.write(sent);
                await().untilAsserted(() -> assertThat(after.bytes()).isEqualTo(sent));
            }
        }
    }

    @Test
    void stoppingTheGroupClosesTheHttpListenerAndTheSerialPort() throws Exception {
        covey.runGroup("bridge", List.of(serialWorker("serial", pair.device(), port)));
        await().until(() -> serial().state() == WorkerState.RUNNING);
        HttpByteStream stream = HttpByteStream.connect(port);
        assertThat(portIsFree(port)).isFalse();
        assertThat(processesHolding(pair.device(), pair.pid())).contains(serial().pid());

        covey.stopGroup("bridge");

        await().until(() -> serial().state() == WorkerState.STOPPED);
        assertThat(serial().forced()).isFalse();
        await().until(stream::ended);
        await().until(() -> portIsFree(port));
        await().until(() -> processesHolding(pair.device(), pair.pid()).isEmpty());
    }
}
