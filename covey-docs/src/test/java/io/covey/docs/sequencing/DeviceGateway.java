package io.covey.docs.sequencing;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.util.concurrent.CountDownLatch;

import io.covey.core.worker.CoveyWorker;
import io.covey.core.worker.WorkerHealth;

/** Stays RUNNING while it serves a device; the host restarts it once the device stops answering. */
public class DeviceGateway extends CoveyWorker<DeviceGateway.Params> {
    public record Params(String host, int port) {
    }

    private final CountDownLatch stop = new CountDownLatch(1);

    public DeviceGateway(Params params) {
        super(params);
    }

    @Override
    public void runWorker() throws InterruptedException {
        running("serving " + params().host() + ":" + params().port());
        stop.await();
    }

    @Override
    public void stopWorker() {
        stop.countDown();
    }

    @Override
    public WorkerHealth checkHealth() {
        return answers() ? WorkerHealth.ok() : WorkerHealth.unhealthy("the device does not answer");
    }

    private boolean answers() {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(params().host(), params().port()), 1000);
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}
