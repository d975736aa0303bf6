package io.covey.demo.client;

import java.io.PrintStream;
import java.net.URI;
import java.time.Clock;
import java.time.Instant;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.stereotype.Component;

import io.covey.client.CoveyClient;
import io.covey.client.CoveyClientException;

/**
 * Waits for the host, declares the demo group, and shows it live until the application is shut
 * down (Ctrl-C): the runner blocks so that the process stays in the foreground.
 */
@Component
class DemoRunner implements ApplicationRunner, DisposableBean {
    private final CoveyClient covey;
    private final DemoProperties properties;
    private final PrintStream out = System.out;
    private final CountDownLatch shutdown = new CountDownLatch(1);
    private final ScheduledExecutorService summaries = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread thread = new Thread(r, "demo-summary");
        thread.setDaemon(true);
        return thread;
    });
    private volatile LiveView view;
    private volatile SerialTap tap;

    DemoRunner(CoveyClient covey, DemoProperties properties) {
        this.covey = covey;
        this.properties = properties;
    }

    @Override
    public void run(ApplicationArguments args) throws InterruptedException {
        URI host = covey.settings().baseUrl();
        awaitHost(host);
        out.println("Covey demo: group '" + properties.group() + "' on " + host + "  (dashboard: " + host + "/, Ctrl-C stops)");
        if (!properties.hasSerialPort()) {
            out.println("No serial port given (covey.demo.serial-port): the StreamSerialPortToHttp worker is left out.");
        }
        view = new LiveView(covey, properties.group(), out, Clock.systemDefaultZone());
        view.start(DemoGroup.workers(properties));
        if (properties.hasSerialPort()) {
            String tapHost = properties.serialHttpHost().isEmpty() ? host.getHost() : properties.serialHttpHost();
            tap = new SerialTap(URI.create("http://" + tapHost + ":" + properties.serialHttpPort() + "/"), view);
            tap.start();
        }
        long every = properties.summaryInterval().toMillis();
        summaries.scheduleAtFixedRate(view::printSummary, every, every, TimeUnit.MILLISECONDS);
        shutdown.await();
    }

    /** The host may still be starting (docker-compose starts both at once): retry until it answers. */
    private void awaitHost(URI host) throws InterruptedException {
        Instant deadline = Instant.now().plus(properties.hostWait());
        boolean told = false;
        while (true) {
            try {
                covey.workerTypes();
                return;
            } catch (CoveyClientException e) {
                if (e.status() != 0 || Instant.now().isAfter(deadline)) {
                    throw e;
                }
                if (!told) {
                    out.println("Waiting for the Covey host at " + host + " ...");
                    told = true;
                }
                Thread.sleep(500);
            }
        }
    }

    @Override
    public void destroy() {
        summaries.shutdownNow();
        if (tap != null) {
            tap.close();
        }
        if (view != null) {
            view.close();
        }
        shutdown.countDown();
    }
}
