package io.covey.demo;

import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

import com.fazecast.jSerialComm.SerialPort;

import io.covey.client.CoveyClient;
import io.covey.client.CoveyClientSettings;
import io.covey.host.CoveyHostApplication;

/**
 * The real Covey host application on a random port, with the demo workers found by scanning
 * as in production. Foreign workers are child JVMs on the lean class path (the child runtime and
 * the demo workers' classes) plus jSerialComm, which the serial worker needs: in production it
 * lies beside the demo jar in the worker path, here it is handed over as an extra entry.
 */
public final class DemoHost implements AutoCloseable {
    private final ConfigurableApplicationContext context;
    private final CoveyClient client;

    private DemoHost(ConfigurableApplicationContext context) {
        this.context = context;
        this.client = new CoveyClient(CoveyClientSettings.of(baseUrl()));
    }

    public static DemoHost start(String... extraArgs) {
        List<String> args = new ArrayList<>(List.of("--server.port=0", "--server.address=127.0.0.1",
                "--covey.worker.scan-packages=io.covey.demo.workers",
                "--covey.worker.extra-class-path=" + jarOf(SerialPort.class),
                "--covey.host.worker-defaults.stop-timeout=5s", "--covey.host.shutdown-budget=10s",
                "--spring.main.banner-mode=off", "--spring.lifecycle.timeout-per-shutdown-phase=5s"));
        args.addAll(List.of(extraArgs));
        return new DemoHost(SpringApplication.run(CoveyHostApplication.class, args.toArray(String[]::new)));
    }

    private static String jarOf(Class<?> type) {
        try {
            return Path.of(type.getProtectionDomain().getCodeSource().getLocation().toURI()).toString();
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    String baseUrl() {
        return "http://127.0.0.1:" + ((WebServerApplicationContext) context).getWebServer().getPort();
    }

    /** A client of this host (closed with it). */
    public CoveyClient client() {
        return client;
    }

    /** Stops the host, which stops every worker and waits for their child JVMs. */
    @Override
    public void close() {
        client.close();
        context.close();
    }
}
