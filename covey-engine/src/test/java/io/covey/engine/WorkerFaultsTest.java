package io.covey.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import io.covey.core.api.LogLine;
import io.covey.core.event.EventFilter;
import io.covey.core.json.CoveyJson;
import io.covey.core.lifecycle.WorkerState;
import io.covey.core.spec.RestartPolicy;
import io.covey.core.spec.WorkerSpec;
import io.covey.engine.testworkers.ServiceWorker;
import io.covey.engine.testworkers.StubbornWorker;

class WorkerFaultsTest {
    private final CoveyManager manager = TestManagers.inProcess();

    @AfterEach
    void close() {
        StubbornWorker.release.countDown();
        manager.close();
    }

    private static WorkerSpec faulty(String fault) {
        return new WorkerSpec("FaultyWorker", "faulty", CoveyJson.toTree(Map.of("fault", fault)),
                TestManagers.IN_PROCESS.withRestart(RestartPolicy.NEVER));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "CONSTRUCTOR_AT_RUN | the worker's constructor threw java.lang.IllegalArgumentException: the device is gone: constructor refused",
            "RUN         | runWorker() threw java.lang.IllegalStateException: run blew up",
            "ERROR       | runWorker() threw java.lang.AssertionError: an Error from runWorker",
            "REPORTED    | the device went away"})
    void aWorkerThatThrowsCrashesWithTheReasonWhileOthersKeepRunning(String fault, String reason) {
        ServiceWorker bystander = new ServiceWorker(new ServiceWorker.Params("bystander"));
        String bystanderId = bystander.toSpec().effectiveId();
        manager.runGroup("g", List.of(bystander.setOptions(TestManagers.IN_PROCESS), faulty(fault)));

        await().until(() -> manager.worker("faulty").state() == WorkerState.CRASHED);
        assertThat(manager.worker("faulty").message()).isEqualTo(reason);

        await().until(() -> manager.worker(bystanderId).state() == WorkerState.RUNNING);
        manager.runGroup("g2", List.of(new ServiceWorker(new ServiceWorker.Params("later")).setOptions(TestManagers.IN_PROCESS)));
        assertThat(manager.groups()).hasSize(2);
    }

    @Test
    void aConstructorThatRefusesItsParamsRefusesTheDeclarationAndNothingStarts() {
        RecordingListener events = new RecordingListener();
        manager.subscribe(EventFilter.ALL, events);
        ServiceWorker bystander = new ServiceWorker(new ServiceWorker.Params("bystander"));

        org.assertj.core.api.Assertions.assertThatThrownBy(() -> manager.runGroup("g",
                        List.of(bystander.setOptions(TestManagers.IN_PROCESS), faulty("CONSTRUCTOR"))))
                .isInstanceOf(io.covey.core.api.InvalidParamsException.class)
                .hasMessage("worker type 'FaultyWorker' refused these params: bad params: constructor refused");

        assertThat(manager.groups()).isEmpty();
        assertThat(manager.journal().lastSeq()).isZero();
    }

    @Test
    void aWorkerWhoseStopWorkerThrowsCrashesWithTheReason() {
        manager.runGroup("g", List.of(faulty("STOP")));
        await().until(() -> manager.worker("faulty").state() == WorkerState.RUNNING);

        manager.stopGroup("g");

        await().until(() -> manager.worker("faulty").state() == WorkerState.CRASHED);
        assertThat(manager.worker("faulty").message()).isEqualTo("stopWorker() threw java.lang.IllegalStateException: stop blew up");
        assertThat(manager.worker("faulty").attempt()).isEqualTo(1);
    }

    @Test
    void aWorkerThatIgnoresStopAndInterruptIsReportedStoppedForcedAfterItsStopTimeout() {
        StubbornWorker.release = new CountDownLatch(1);
        RecordingListener events = new RecordingListener();
        manager.subscribe(EventFilter.worker("stubborn"), events);
        manager.runGroup("g", List.of(new StubbornWorker().setId("stubborn")
                .setOptions(TestManagers.IN_PROCESS.withStopTimeout(Duration.ofMillis(300)))));
        await().until(() -> manager.worker("stubborn").state() == WorkerState.RUNNING);

        manager.stopGroup("g");

        await().until(() -> manager.worker("stubborn").state() == WorkerState.STOPPED);
        assertThat(manager.worker("stubborn").forced()).isTrue();
        assertThat(manager.worker("stubborn").message()).contains("refused to stop within 300ms");
        await().untilAsserted(() -> {
            assertThat(events.lifecycle("stubborn")).last().satisfies(e -> {
                assertThat(e.state()).isEqualTo(WorkerState.STOPPED);
                assertThat(e.forced()).isTrue();
            });
            assertThat(events.events()).anySatisfy(e -> assertThat(e).isInstanceOfSatisfying(
                    io.covey.core.event.LogEvent.class, log -> assertThat(log.line()).startsWith("refused to stop")));
        });
        assertThat(manager.logs("stubborn", 10)).extracting(LogLine::line).anyMatch(l -> l.startsWith("refused to stop"));
    }
}
