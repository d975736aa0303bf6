package io.covey.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;

import io.covey.core.api.InputNotAcceptedException;
import io.covey.core.api.InputQueueFullException;
import io.covey.core.api.InputReceipt;
import io.covey.core.api.NotFoundException;
import io.covey.core.json.CoveyJson;
import io.covey.core.spec.CoveyGroup;
import io.covey.core.spec.WorkerSpec;
import io.covey.core.worker.StatusCall;
import io.covey.core.worker.WorkerInput;
import io.covey.engine.testworkers.InputSinkWorker;
import io.covey.engine.testworkers.ServiceWorker;

/** {@code send(id, data)}: the engine's input queue (on the manual clock), and delivery to a real in-process worker. */
class SendInputTest {
    private final EngineHarness engine = new EngineHarness(
            ManagerSettings.defaults().withWorkerDefaults(TestManagers.IN_PROCESS).withInputQueue(3, 1000));

    private static WorkerSpec sink(String id) {
        return new WorkerSpec("InputSinkWorker", id, CoveyJson.toTree(new InputSinkWorker.Params(id, null)), null);
    }

    private InputReceipt send(String id, Object data) {
        InputReceipt receipt = engine.engine.send(id, WorkerInput.of(data));
        engine.settle();
        return receipt;
    }

    @Test
    void inputReachesTheRunInOrderAndTheQueueIsBoundedByWhatIsNotYetHandled() {
        engine.runGroup("g", sink("in"));
        engine.run("in").report(StatusCall.RUNNING, "up");
        engine.settle();

        assertThat(send("in", Map.of("n", 1))).isEqualTo(new InputReceipt("in", 1, 1));
        assertThat(send("in", Map.of("n", 2)).pending()).isEqualTo(2);
        assertThat(send("in", new byte[] {0, (byte) 255}).pending()).isEqualTo(3);
        assertThatThrownBy(() -> send("in", Map.of("n", 4))).isInstanceOf(InputQueueFullException.class)
                .hasMessageContaining("worker 'in' has 3 inputs").hasMessageContaining("send again once it has caught up");
        assertThat(engine.run("in").inputs()).containsExactly(WorkerInput.json(Map.of("n", 1)), WorkerInput.json(Map.of("n", 2)),
                WorkerInput.bytes(new byte[] {0, (byte) 255}));

        engine.run("in").inputHandled();
        engine.settle();
        assertThat(send("in", Map.of("n", 4)).pending()).isEqualTo(3);
        assertThat(engine.run("in").inputs()).hasSize(4).last().isEqualTo(WorkerInput.json(Map.of("n", 4)));
    }

    @Test
    void theBytesBoundRefusesWhatWouldOverfillIt_butALargeInputStillGoesIntoAnEmptyQueue() {
        engine.runGroup("g", sink("in"));
        engine.run("in").report(StatusCall.RUNNING, "up");
        engine.settle();

        send("in", new byte[1500]); // over the 1000-byte bound, but nothing waits
        assertThatThrownBy(() -> send("in", new byte[1])).isInstanceOf(InputQueueFullException.class)
                .hasMessageContaining("1500 bytes");
        engine.run("in").inputHandled();
        engine.settle();
        send("in", new byte[600]);
        assertThatThrownBy(() -> send("in", new byte[500])).isInstanceOf(InputQueueFullException.class);
        send("in", new byte[400]);
    }

    @Test
    void aWorkerThatTakesNoInputOrIsNotRunningRefusesIt_andANewAttemptStartsWithAnEmptyQueue() {
        engine.runGroup("g", sink("in"), new WorkerSpec("ServiceWorker", "svc", CoveyJson.toTree(new ServiceWorker.Params("s")), null));
        engine.run("svc").report(StatusCall.RUNNING, "up");
        engine.settle();

        assertThatThrownBy(() -> send("svc", "hi")).isInstanceOf(InputNotAcceptedException.class)
                .hasMessage("worker 'svc' takes no input: its type 'ServiceWorker' does not override onInput(WorkerInput)");
        assertThatThrownBy(() -> send("in", "hi")).isInstanceOf(InputNotAcceptedException.class)
                .hasMessage("worker 'in' is STARTING; input is taken only while it is RUNNING");
        assertThatThrownBy(() -> send("nobody", "hi")).isInstanceOf(NotFoundException.class);

        engine.run("in").report(StatusCall.RUNNING, "up");
        engine.settle();
        IntStream.range(0, 3).forEach(i -> send("in", i));
        engine.restart("in");
        engine.run("in").exitNormally(); // the first attempt, stopped, ends with its inputs unhandled
        engine.settle();
        engine.run("in").report(StatusCall.RUNNING, "up again");
        engine.settle();
        assertThat(send("in", "fresh")).isEqualTo(new InputReceipt("in", 2, 1));
    }

    @Test
    void aRealInProcessWorkerReceivesJsonAndBytesInTheOrderSent() {
        try (CoveyManager manager = TestManagers.inProcess()) {
            manager.runGroup(new CoveyGroup("g", List.of(sink("real"))));
            await().until(() -> manager.worker("real").state() == io.covey.core.lifecycle.WorkerState.RUNNING);
            for (int i = 0; i < 50; i++) {
                manager.send("real", Map.of("i", i));
            }
            manager.send("real", new byte[] {1, 2, (byte) 0xfe});

            List<String> expected = new java.util.ArrayList<>(IntStream.range(0, 50).mapToObj(i -> "json {\"i\":" + i + "}").toList());
            expected.add("bytes 0102fe");
            await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(manager.logs("real", 100).stream()
                    .filter(l -> l.stream().equals("worker")).map(l -> l.line()).toList()).isEqualTo(expected));
        }
    }
}
