package io.covey.host.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.lang.management.ManagementFactory;
import java.time.Duration;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

import io.covey.core.api.LogLine;
import io.covey.core.event.LogEvent;
import io.covey.engine.CoveyManager;

/**
 * Two workers that flood — one child writing 200 MB to stdout without a newline, one writing
 * 100,000 log lines flat out — against the host's byte bound and per-worker rate limit: the host's
 * heap after GC stays within 64 MiB of where it was, a quiet worker's events are still retained,
 * and the drops are counted (per group, as a metric) and told as log events. The rate limit is
 * small here (burst 300, 100 per second) so the quiet worker's events provably survive within the
 * default retention; the journal's byte bound is the default 32 MiB.
 */
@SpringBootTest(classes = HostileHostConfiguration.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"covey.host.events.worker-rate=100", "covey.host.events.worker-burst=300"})
class HostEventLimitsTest {
    private static final long MIB = 1024 * 1024;

    @LocalServerPort
    int port;
    @Autowired
    CoveyManager manager;

    @Test
    void floodingWorkersNeitherGrowTheHeapNorPushOutOtherWorkersEvents() {
        HttpJson api = new HttpJson(port, null);
        assertThat(api.put("/api/v1/groups/quiet", "{\"workers\":[{\"type\":\"ServiceWorker\",\"id\":\"quiet\","
                + "\"params\":{\"name\":\"quiet\"},\"options\":{\"foreign\":false}}]}").status()).isEqualTo(200);
        await().until(() -> manager.logs("quiet", 10).stream().map(LogLine::line).anyMatch("hello from quiet"::equals));
        long quietFrom = manager.journal().oldestRetainedSeq();
        long baseline = heapAfterGc();

        assertThat(api.put("/api/v1/groups/flood", "{\"workers\":["
                + "{\"type\":\"FloodWorker\",\"id\":\"no-newline\",\"params\":{\"mode\":\"no-newline\",\"megabytes\":200},"
                + "\"options\":{\"foreign\":true,\"restart\":\"never\"}},"
                + "{\"type\":\"ChattyJob\",\"id\":\"chatty\",\"params\":{\"lines\":100000},"
                + "\"options\":{\"foreign\":false,\"restart\":\"never\"}}]}").status()).isEqualTo(200);
        await().atMost(Duration.ofSeconds(90)).until(() -> state(api, "no-newline").equals("COMPLETED")
                && state(api, "chatty").equals("COMPLETED"));

        long after = heapAfterGc();
        assertThat(after - baseline).as("heap growth in bytes (baseline %d MiB)", baseline / MIB).isLessThan(64 * MIB);
        assertThat(manager.journal().retainedBytes()).isLessThanOrEqualTo(32 * MIB);
        assertThat(manager.journal().oldestRetainedSeq()).as("the quiet worker's events are still retained")
                .isLessThanOrEqualTo(quietFrom);

        long dropped = manager.droppedEvents().of("flood");
        assertThat(dropped).isGreaterThan(100_000 - 2_000);
        await().untilAsserted(() -> assertThat(api.get("/actuator/metrics/covey.events.dropped?tag=group:flood").json()
                .get("measurements").get(0).get("value").asDouble()).isEqualTo((double) manager.droppedEvents().of("flood")));
        assertThat(manager.logs("chatty", 2000)).anyMatch(l -> l.stream().equals("covey") && l.line().startsWith("dropped "));
        assertThat(manager.logs("no-newline", 2000)).anyMatch(l -> l.stream().equals("covey") && l.line().startsWith("dropped "));
        // The 200 MB line arrives as pieces of 16 KiB, each marked as continued.
        assertThat(manager.logs("no-newline", 2000)).filteredOn(l -> l.stream().equals("stdout"))
                .allMatch(l -> l.line().length() == 16 * 1024);
        assertThat(api.get("/api/v1/events").status()).isEqualTo(200);
        try (EventStreamClient client = EventStreamClient.connect(port, "since=0&worker=no-newline&types=log")) {
            await().until(() -> client.events().stream().anyMatch(e -> e instanceof LogEvent l && l.stream().equals("stdout")));
            assertThat(client.events()).filteredOn(e -> e instanceof LogEvent l && l.stream().equals("stdout"))
                    .allMatch(e -> ((LogEvent) e).continued());
        }
    }

    private static long heapAfterGc() {
        for (int i = 0; i < 3; i++) {
            System.gc();
        }
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }

    private static String state(HttpJson api, String worker) {
        return api.get("/api/v1/workers/" + worker).json().get("state").asString();
    }
}
