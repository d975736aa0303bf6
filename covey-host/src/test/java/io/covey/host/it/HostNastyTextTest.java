package io.covey.host.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.stream.Collectors;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

import io.covey.core.event.CoveyEvent;
import io.covey.core.event.DataEvent;
import io.covey.core.event.GapEvent;
import io.covey.core.event.LifecycleEvent;
import io.covey.core.event.LogEvent;
import io.covey.core.event.ResultEvent;
import io.covey.core.json.CoveyJson;
import io.covey.core.lifecycle.WorkerState;
import io.covey.core.text.SafeText;
import io.covey.engine.testworkers.NastyTextWorker;

/**
 * Every string a worker can say that a WebSocket or a JSON parser might choke on — lone
 * surrogates, NUL, invalid and overlong UTF-8 on stdout, ANSI and OSC sequences, a bare CR, lines
 * over 16 KiB — through status, log, publish and result, in-process and in child JVMs, reaches a
 * since=0 subscriber as well-formed events: every seq, no gap, no closed session, and the foreign
 * publisher is still RUNNING in its first attempt.
 */
@SpringBootTest(classes = HostileHostConfiguration.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class HostNastyTextTest {
    @LocalServerPort
    int port;

    @AfterEach
    void nuke() {
        new HttpJson(port, null).delete("/api/v1/groups/nasty");
    }

    @Test
    void everyNastyStringReachesASinceZeroSubscriberAsWellFormedEvents() {
        HttpJson api = new HttpJson(port, null);
        try (EventStreamClient live = EventStreamClient.connect(port, "since=0")) {
            assertThat(api.put("/api/v1/groups/nasty", "{\"workers\":["
                    + "{\"type\":\"NastyTextWorker\",\"id\":\"in-job\",\"params\":{\"job\":true,\"rawStdout\":false},\"options\":{\"foreign\":false}},"
                    + "{\"type\":\"NastyTextWorker\",\"id\":\"in-svc\",\"params\":{\"job\":false,\"rawStdout\":false},\"options\":{\"foreign\":false}},"
                    + "{\"type\":\"NastyTextWorker\",\"id\":\"fg-job\",\"params\":{\"job\":true,\"rawStdout\":true},\"options\":{\"foreign\":true}},"
                    + "{\"type\":\"NastyTextWorker\",\"id\":\"fg-svc\",\"params\":{\"job\":false,\"rawStdout\":true},\"options\":{\"foreign\":true}}"
                    + "]}").status()).isEqualTo(200);

            await().atMost(Duration.ofSeconds(60)).until(() -> state(api, "in-job").equals("COMPLETED")
                    && state(api, "fg-job").equals("COMPLETED") && saidAfterRunning(live, "in-svc") && saidAfterRunning(live, "fg-svc")
                    && saidRaw(live, "fg-job") && saidRaw(live, "fg-svc"));
            assertThat(state(api, "fg-svc")).isEqualTo("RUNNING");
            assertThat(state(api, "in-svc")).isEqualTo("RUNNING");
            assertThat(api.get("/api/v1/workers/fg-svc").json().get("attempt").asInt()).isEqualTo(1);

            for (String worker : List.of("in-job", "in-svc", "fg-job", "fg-svc")) {
                assertWellFormedAndComplete(live.events().stream().filter(e -> worker.equals(e.worker())).toList(), worker);
            }
            assertThat(live.closed).isNotDone();
            assertThat(live.events()).noneMatch(e -> e instanceof GapEvent);

            long lastSeq = api.get("/api/v1/events").json().get("lastSeq").asLong();
            await().until(() -> live.lastSeq() >= lastSeq);
            List<Long> seqs = live.events().stream().map(CoveyEvent::seq).toList();
            assertThat(seqs).as("every seq from the first, none missing").doesNotHaveDuplicates().isSorted();
            assertThat(seqs.get(seqs.size() - 1) - seqs.get(0) + 1).isEqualTo(seqs.size());
        }
        // A resume from the very start is not closed at any of them either.
        try (EventStreamClient resumed = EventStreamClient.connect(port, "since=0&group=nasty")) {
            await().until(() -> resumed.events().stream().anyMatch(e -> e instanceof ResultEvent r && r.worker().equals("fg-job")));
            assertThat(resumed.closed).isNotDone();
        }
    }

    private static void assertWellFormedAndComplete(List<CoveyEvent> events, String worker) {
        for (CoveyEvent event : events) {
            assertThat(SafeText.isWellFormed(CoveyJson.write(event))).as("event %s of %s", event.seq(), worker).isTrue();
        }
        List<LogEvent> logs = events.stream().filter(e -> e instanceof LogEvent l && l.stream().equals("worker"))
                .map(LogEvent.class::cast).toList();
        String text = logs.stream().map(LogEvent::line).collect(Collectors.joining("\n"));
        assertThat(text).contains("high \uFFFD alone", "low \uFFFD alone", "ends high \uFFFD", "\uFFFD starts low",
                "pair reversed \uFFFD\uFFFD", "nul \u0000 inside", "ansi \u001B[31mred\u001B[0m", "osc \u001B]0;title\u0007 bell",
                "bare \r cr", "bom \uFEFF", "noncharacter \uFFFF");
        // The 16 KiB+ line: in pieces, each but the last continued, the surrogate pair kept whole.
        List<LogEvent> pieces = logs.stream().filter(l -> l.line().startsWith("yyy") || l.continued()
                || l.line().startsWith("\uD83D") || l.line().startsWith("zzz")).toList();
        assertThat(pieces).hasSizeGreaterThanOrEqualTo(2);
        assertThat(pieces.get(0).continued()).isTrue();
        assertThat(pieces.get(pieces.size() - 1).continued()).isFalse();
        assertThat(pieces).allMatch(p -> p.line().length() <= 16 * 1024);
        assertThat(pieces.stream().map(LogEvent::line).collect(Collectors.joining()))
                .isEqualTo(SafeText.of(NastyTextWorker.LONG_LINE));

        DataEvent data = (DataEvent) events.stream().filter(e -> e instanceof DataEvent).findFirst().orElseThrow();
        assertThat(data.data().has("key\u0000\uFFFD")).as("%s: %s", worker, data.data()).isTrue();
        assertThat(data.data().get("plain").asString()).isEqualTo("value \uFFFD\u0000\u001B[2J");
        assertThat(events).anySatisfy(e -> assertThat(e).isInstanceOfSatisfying(LifecycleEvent.class, l -> {
            assertThat(l.state()).isEqualTo(WorkerState.RUNNING);
            assertThat(l.message()).isEqualTo("running \uFFFD \u0000 \u001B[1m");
        }));
        if (worker.endsWith("job")) {
            ResultEvent result = (ResultEvent) events.stream().filter(e -> e instanceof ResultEvent).findFirst().orElseThrow();
            assertThat(result.result().get("result \uFFFD").get(0).asString()).isEqualTo("\uFFFD");
        }
    }

    private static boolean saidAfterRunning(EventStreamClient client, String worker) {
        return client.events().stream().anyMatch(e -> e instanceof LogEvent l && worker.equals(l.worker())
                && l.line().equals("after running"));
    }

    /** The raw stdout line of a foreign worker: every invalid byte a U+FFFD, nothing lost around them. */
    private static boolean saidRaw(EventStreamClient client, String worker) {
        return client.events().stream().anyMatch(e -> e instanceof LogEvent l && worker.equals(l.worker())
                && l.stream().equals("stdout") && l.line().startsWith("raw ") && l.line().endsWith(" end")
                && l.line().contains("\uFFFD") && SafeText.isWellFormed(l.line()));
    }

    private static String state(HttpJson api, String worker) {
        return api.get("/api/v1/workers/" + worker).json().get("state").asString();
    }
}
