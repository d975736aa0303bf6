package io.covey.child;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;

import io.covey.core.json.CoveyJson;
import io.covey.core.protocol.ControlCodec;
import io.covey.core.protocol.ControlMessage;
import io.covey.core.worker.CoveyWorker;
import io.covey.core.worker.StatusCall;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * What a warm child does while nobody waits for it, so that its worker does not have to: Jackson's
 * first use (building the mapper and the (de)serializers of every control message, a params tree
 * turned into a record), a worker built through the manifest, the classes and JDK machinery on the
 * way to RUNNING (threads, executors, invokedynamic string concatenation). Without it an assigned
 * child needs some 250 ms to RUNNING (see docs/WARM-POOL.md).
 */
final class WarmUp {
    private WarmUp() {
    }

    /**
     * Rounds of the message and worker paths: enough for the JIT to compile the hot ones (C1's
     * threshold is some 200 calls), so that the worker's first messages do not run interpreted.
     */
    static final int ROUNDS = 250;

    static void run() {
        for (int i = 0; i < ROUNDS; i++) {
            if (!runOnce()) {
                return;
            }
        }
    }

    private static boolean runOnce() {
        try {
            JsonMapper mapper = CoveyJson.mapper();
            String note = "warming up at " + System.nanoTime(); // bootstraps indy string concatenation
            JsonNode params = mapper.readTree("{\"name\":\"warm\",\"count\":1,\"flags\":[true,false],\"nested\":{\"x\":1.5}}");
            ControlMessage.Assign assign = new ControlMessage.Assign("warm-up", 1, "WarmUpWorker",
                    WarmUpWorker.class.getName(), params, 5000);
            // The control channel speaks through ControlCodec; the mapper is warmed for the params and results.
            ControlMessage.Assign read = (ControlMessage.Assign) ControlCodec.decode(ControlCodec.encode(assign));
            CoveyWorker<?> worker = WorkerFactory.create(read.toWelcome());
            worker.attachReporter(new ChildReporter(null, () -> true, failure -> { }));
            worker.runWorker();
            for (ControlMessage message : List.of(new ControlMessage.Status(StatusCall.RUNNING, note, null),
                    new ControlMessage.Status(StatusCall.COMPLETED, null, CoveyJson.toTree(Map.of("ok", true))),
                    new ControlMessage.Log("worker", note), new ControlMessage.Publish(params),
                    new ControlMessage.Heartbeat(), new ControlMessage.Ended(null), new ControlMessage.Stop())) {
                ControlCodec.decode(ControlCodec.encode(message));
            }
            for (Class<?> type : List.of(ChildWorkerRun.class, ChildSender.class, Descendants.class)) {
                Class.forName(type.getName(), true, WarmUp.class.getClassLoader());
            }
            Executors.newSingleThreadScheduledExecutor().shutdownNow();
            new LinkedBlockingQueue<Object>().offer(note);
            CountDownLatch started = new CountDownLatch(1);
            Thread thread = new Thread(started::countDown, "covey-warm-up");
            thread.start();
            started.await();
            thread.join();
            return true;
        } catch (Throwable t) {
            // Warming up is an optimisation: the worker starts anyway, only slower.
            System.err.println("covey-child: warming up failed: " + t);
            return false;
        }
    }
}
