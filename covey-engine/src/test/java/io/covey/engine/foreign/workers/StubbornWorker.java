package io.covey.engine.foreign.workers;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;

import io.covey.core.worker.CoveyWorker;
import sun.misc.Signal;

/**
 * Refuses to stop: ignores stopWorker(), interrupts and SIGTERM, after spawning two grandchildren
 * (one in a session of its own, holding the child's stdout) and publishing their pids.
 */
public class StubbornWorker extends CoveyWorker<Void> {
    public StubbornWorker() {
        super(null);
    }

    @Override
    public void runWorker() throws IOException {
        Signal.handle(new Signal("TERM"), signal -> System.out.println("ignoring SIGTERM"));
        List<Long> pids = new ArrayList<>();
        pids.add(new ProcessBuilder("sleep", "600").redirectOutput(ProcessBuilder.Redirect.DISCARD).start().pid());
        pids.add(new ProcessBuilder("setsid", "sleep", "600").inheritIO().start().pid());
        pids.add(ProcessHandle.current().pid());
        publish(Map.of("pids", pids));
        running("stubborn");
        while (true) {
            try {
                new CountDownLatch(1).await();
            } catch (InterruptedException e) {
                log("ignoring an interrupt");
            }
        }
    }

    @Override
    public void stopWorker() {
        log("not stopping");
    }
}
