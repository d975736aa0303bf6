package io.covey.demo;

import static io.covey.demo.SerialTesting.freePort;
import static io.covey.demo.SerialTesting.noRestarts;
import static io.covey.demo.SerialTesting.portIsFree;
import static io.covey.demo.SerialTesting.serialWorker;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.covey.client.CoveyClient;
import io.covey.core.api.WorkerStatus;
import io.covey.core.lifecycle.WorkerState;
import io.covey.core.spec.WorkerSpec;

/** Several serial workers side by side, and the reasons a bad one gives. */
class SerialGroupTest {
    @TempDir
    Path ttys;
    final List<SocatPair> pairs = new ArrayList<>();
    DemoHost host;
    CoveyClient covey;

    @BeforeEach
    void start() {
        host = DemoHost.start();
        covey = host.client();
    }

    @AfterEach
    void stop() {
        if (host != null) {
            host.close();
        }
        pairs.forEach(SocatPair::close);
    }

    private SocatPair pair(String name) throws Exception {
        SocatPair pair = SocatPair.start(ttys, name);
        pairs.add(pair);
        return pair;
    }

    private WorkerState state(String id) {
        return covey.worker(id).state();
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void threeWorkersServeThreePortsIndependentlyAndRemovingOneStopsOnlyIt() throws Exception {
        List<SocatPair> devices = List.of(pair("one"), pair("two"), pair("three"));
        List<Integer> ports = List.of(freePort(), freePort(), freePort());
        List<String> ids = List.of("serial-1", "serial-2", "serial-3");
        List<WorkerSpec> workers = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            workers.add(serialWorker(ids.get(i), devices.get(i).device(), ports.get(i)));
        }
        covey.runGroup("bridges", workers);
        await().until(() -> ids.stream().allMatch(id -> state(id) == WorkerState.RUNNING));

        List<HttpByteStream> streams = new ArrayList<>();
        for (int port : ports) {
            streams.add(HttpByteStream.connect(port));
        }
        for (int i = 0; i < 3; i++) {
            devices.get(i).write(bytes("device " + i + "\n"));
        }
        for (int i = 0; i < 3; i++) {
            HttpByteStream stream = streams.get(i);
            byte[] expected = bytes("device " + i + "\n");
            await().untilAsserted(() -> assertThat(stream.bytes()).isEqualTo(expected));
        }

        covey.removeWorkers("bridges", List.of("serial-2"));

        await().until(() -> covey.group("bridges").workers().stream().map(WorkerStatus::id).toList()
                .equals(List.of("serial-1", "serial-3")));
        await().until(streams.get(1)::ended);
        await().until(() -> portIsFree(ports.get(1)));
        for (int i : new int[] {0, 2}) {
            assertThat(covey.worker(ids.get(i)).attempt()).isEqualTo(1);
            assertThat(state(ids.get(i))).isEqualTo(WorkerState.RUNNING);
            devices.get(i).write(bytes("still here\n"));
            HttpByteStream stream = streams.get(i);
            byte[] expected = bytes("device " + i + "\nstill here\n");
            await().untilAsserted(() -> assertThat(stream.bytes()).isEqualTo(expected));
        }
        for (HttpByteStream stream : streams) {
            stream.close();
        }
    }

    @Test
    void badParamsAreCrashesWithAClearReason() throws Exception {
        SocatPair busy = pair("busy");
        try (ServerSocket taken = new ServerSocket(0)) {
            covey.runGroup("bad", List.of(
                    serialWorker("missing-device", ttys.resolve("nothing-here"), 9600, freePort(), noRestarts()),
                    serialWorker("port-in-use", busy.device(), 9600, taken.getLocalPort(), noRestarts()),
                    serialWorker("zero-baud", busy.device(), 0, freePort(), noRestarts())));

            await().until(() -> List.of("missing-device", "port-in-use", "zero-baud").stream()
                    .allMatch(id -> state(id) == WorkerState.CRASHED));
            assertThat(covey.worker("missing-device").message())
                    .contains("serial device " + ttys.resolve("nothing-here") + " is not there");
            assertThat(covey.worker("port-in-use").message())
                    .contains("cannot serve HTTP on port " + taken.getLocalPort()).contains("in use");
            assertThat(covey.worker("zero-baud").message()).contains("baudrate must be positive, was 0");
        }
    }
}
