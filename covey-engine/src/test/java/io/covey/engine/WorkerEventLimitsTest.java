package io.covey.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;

import io.covey.core.event.CoveyEvent;
import io.covey.core.event.DataEvent;
import io.covey.core.event.LogEvent;
import io.covey.core.json.CoveyJson;
import io.covey.core.lifecycle.WorkerState;
import io.covey.core.spec.WorkerSpec;
import io.covey.core.worker.StatusCall;
import io.covey.engine.journal.EventJournal;
import io.covey.engine.journal.JournalReader;
import io.covey.engine.launch.RunCallbacks;
import io.covey.engine.testworkers.ServiceWorker;

/** Each worker's token bucket, the drop notices, line pieces and safe text, on the manual clock. */
class WorkerEventLimitsTest {
    private final EngineHarness harness = new EngineHarness(ManagerSettings.defaults().withWorkerDefaults(TestManagers.IN_PROCESS),
            EventLimits.defaults().withRate(10, 5));

    private RunCallbacks running(String id) {
        harness.runGroup("g-" + id, WorkerSpec.of("ServiceWorker", new ServiceWorker.Params(id)).withId(id));
        harness.run(id).report(StatusCall.RUNNING, "up");
        harness.settle();
        assertThat(harness.worker(id).state()).isEqualTo(WorkerState.RUNNING);
        return harness.run(id).callbacks();
    }

    private List<LogEvent> logs(String id, String stream) {
        return JournalReader.retained(harness.journal).stream()
                .filter(e -> e instanceof LogEvent l && l.worker().equals(id) && l.stream().equals(stream))
                .map(LogEvent.class::cast).toList();
    }

    @Test
    void aBurstPassesThenTheRateAndTheRestIsDroppedCountedAndToldOncePerSecond() {
        RunCallbacks worker = running("w"); // its running() report took one of the 5
        for (int i = 0; i < 100; i++) {
            worker.log("worker", "line " + i);
        }
        assertThat(logs("w", "worker")).extracting(LogEvent::line).containsExactly("line 0", "line 1", "line 2", "line 3");
        assertThat(harness.droppedEvents.of("g-w")).isEqualTo(96);
        // The first drop is told at once; the rest within this second wait for the next notice.
        assertThat(logs("w", "covey")).extracting(LogEvent::line)
                .containsExactly("dropped 1 events of this worker: it went over its rate limit of 10 events/s (burst 5)");

        harness.advance(Duration.ofMillis(350)); // 3.5 tokens
        for (int i = 100; i < 110; i++) {
            worker.log("worker", "line " + i);
        }
        assertThat(logs("w", "worker")).hasSize(7);
        assertThat(harness.droppedEvents.of("g-w")).isEqualTo(103);
        // The first admitted event after the drops carries the count of those not told yet.
        assertThat(logs("w", "covey")).extracting(LogEvent::line).element(1).asString().startsWith("dropped 95 events");

        harness.advance(Duration.ofSeconds(1));
        worker.data(CoveyJson.toTree(java.util.Map.of("k", "v")));
        assertThat(JournalReader.retained(harness.journal)).filteredOn(e -> e instanceof DataEvent).hasSize(1);
    }

    @Test
    void anotherWorkersEventsAreNotCountedAgainstTheFloodingOne() {
        RunCallbacks flood = running("flood");
        RunCallbacks quiet = running("quiet");
        for (int i = 0; i < 50; i++) {
            flood.log("worker", "x");
        }
        quiet.log("worker", "still heard");
        assertThat(logs("quiet", "worker")).extracting(LogEvent::line).containsExactly("still heard");
    }

    @Test
    void longLinesArriveInPiecesMarkedContinuedAndLoneSurrogatesAsReplacementCharacters() {
        RunCallbacks worker = running("w");
        String line = "a".repeat(EventLimits.MAX_LINE_CHARS - 1) + "\uD83D\uDE00" + "b\uD800";
        worker.log("worker", line);
        List<LogEvent> pieces = logs("w", "worker");
        assertThat(pieces).hasSize(2);
        assertThat(pieces.get(0).continued()).isTrue();
        assertThat(pieces.get(0).line()).hasSize(EventLimits.MAX_LINE_CHARS - 1);
        assertThat(pieces.get(1).continued()).isFalse();
        assertThat(pieces.get(1).line()).isEqualTo("\uD83D\uDE00b\uFFFD");

        worker.logPiece("stdout", "cut by the drain", true);
        assertThat(logs("w", "stdout")).singleElement().matches(LogEvent::continued);
    }

    @Test
    void theJournalIsBoundedByBytesAndKeepsTheNewestEvent() {
        EventJournal journal = new EventJournal(1000, 64 * 1024, java.time.Clock.systemUTC(), 0);
        for (int i = 0; i < 100; i++) {
            journal.append(new LogEvent(0, java.time.Instant.EPOCH, "g", "w", 1, "worker", "x".repeat(4096)));
        }
        assertThat(journal.retainedBytes()).isLessThanOrEqualTo(64 * 1024);
        List<CoveyEvent> retained = JournalReader.retained(journal);
        assertThat(retained).hasSizeBetween(5, 8);
        assertThat(retained.get(retained.size() - 1).seq()).isEqualTo(100);
        assertThat(journal.oldestRetainedSeq()).isEqualTo(retained.get(0).seq());

        journal.append(new LogEvent(0, java.time.Instant.EPOCH, "g", "w", 1, "worker", "y".repeat(100_000)));
        assertThat(JournalReader.retained(journal)).singleElement().extracting(CoveyEvent::seq).isEqualTo(101L);
        journal.close();
    }
}
