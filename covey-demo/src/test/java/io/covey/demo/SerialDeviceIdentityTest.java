package io.covey.demo;

import static io.covey.demo.SerialTesting.freePort;
import static io.covey.demo.SerialTesting.serialWorker;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.covey.client.CoveyClient;
import io.covey.core.event.EventFilter;
import io.covey.core.event.EventType;
import io.covey.core.event.LifecycleEvent;
import io.covey.core.event.Subscription;
import io.covey.core.lifecycle.WorkerState;

/**
 * A worker never runs on a device it was not given. jSerialComm opens {@code /dev/<name>} for a
 * path that does not exist: a socat link named like a device in /dev ({@code tty1}, the console)
 * that vanished would be opened as that device, and the worker reported RUNNING "streaming" it.
 */
class SerialDeviceIdentityTest {
    @TempDir
    Path ttys;
    SocatPair pair;
    DemoHost host;

    @AfterEach
    void stop() {
        if (host != null) {
            host.close();
        }
        if (pair != null) {
            pair.close();
        }
    }

    @Test
    void aVanishedLinkNamedLikeADeviceInDevIsACrashNamingItNeverThatDevice() throws Exception {
        String twin = Stream.of("tty1", "tty0", "ptmx").filter(name -> Files.exists(Path.of("/dev", name))).findFirst()
                .orElse(null);
        Assumptions.assumeTrue(twin != null, "no /dev/tty1, /dev/tty0 or /dev/ptmx to be confused with");
        pair = SocatPair.start(ttys, twin, "feed");
        Path link = pair.device();
        Path pts = link.toRealPath();
        host = DemoHost.start();
        CoveyClient covey = host.client();
        List<LifecycleEvent> events = new CopyOnWriteArrayList<>();
        try (Subscription ignored = covey.subscribe(EventFilter.worker("serial").withTypes(EventType.LIFECYCLE),
                event -> events.add((LifecycleEvent) event))) {
            covey.runGroup("bridge", List.of(serialWorker("serial", link, freePort())));
            await().until(() -> covey.worker("serial").state() == WorkerState.RUNNING);
            assertThat(covey.worker("serial").message()).contains("streaming " + link + " (" + pts + ")");

            pair.close(); // socat removes its links: the path is gone, /dev/<twin> is not
            pair = null;
            int unplugged = events.size();

            // Each restart finds the device missing and crashes naming it, again and again.
            await().untilAsserted(() -> assertThat(since(events, unplugged))
                    .filteredOn(event -> event.state() == WorkerState.CRASHED)
                    .filteredOn(event -> event.message().contains("serial device " + link + " is not there"))
                    .hasSizeGreaterThanOrEqualTo(2));
            assertThat(since(events, unplugged)).noneSatisfy(event -> {
                assertThat(event.state()).isEqualTo(WorkerState.RUNNING);
            });
            assertThat(events).noneSatisfy(event -> assertThat(event.message()).contains("/dev/" + twin));
        }
    }

    private static List<LifecycleEvent> since(List<LifecycleEvent> events, int from) {
        List<LifecycleEvent> copy = List.copyOf(events);
        return copy.subList(from, copy.size());
    }
}
