package io.covey.bench.workers;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CountDownLatch;

import io.covey.core.worker.CoveyWorker;
import io.covey.core.worker.CoveyWorkerType;

/**
 * Covey's twin of {@link io.covey.bench.child.BenchChild}: connects to the harness, says
 * {@code ready <pid>}, reports running and stays up until stopped. So Covey is measured with
 * the same readiness signal as the bare JVM, supervisord and PM2, plus its own RUNNING.
 */
@CoveyWorkerType("ConnectBackWorker")
public final class ConnectBackWorker extends CoveyWorker<ConnectBackWorker.Params> {
    /** {@code n} tells the 20 workers of a group apart. */
    public record Params(int port, int n) {
    }

    private final CountDownLatch stop = new CountDownLatch(1);

    public ConnectBackWorker(Params params) {
        super(params);
    }

    @Override
    public void runWorker() throws IOException, InterruptedException {
        try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), params().port())) {
            OutputStream out = socket.getOutputStream();
            out.write(("ready " + ProcessHandle.current().pid() + "\n").getBytes(StandardCharsets.US_ASCII));
            out.flush();
            running(null);
            stop.await();
        }
    }

    @Override
    public void stopWorker() {
        stop.countDown();
    }
}
