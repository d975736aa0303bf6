package io.covey.client;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

import io.covey.host.it.TestHostConfiguration;

/**
 * A real Covey host with covey-host's test workers, on a random port (or a given one, to
 * restart it in place). In-process workers, so no test depends on child JVMs.
 */
final class TestHost implements AutoCloseable {
    private final ConfigurableApplicationContext context;

    private TestHost(ConfigurableApplicationContext context) {
        this.context = context;
    }

    static TestHost start(String... extraArgs) {
        return startOn(0, null, extraArgs);
    }

    /** A host on {@code port} (0: any) keeping its state in {@code stateDir} (null: none). */
    static TestHost startOn(int port, Path stateDir, String... extraArgs) {
        List<String> args = new ArrayList<>(List.of("--server.port=" + port, "--covey.host.worker-defaults.foreign=false",
                "--covey.host.worker-defaults.stop-timeout=2s", "--spring.main.banner-mode=off",
                "--spring.lifecycle.timeout-per-shutdown-phase=5s"));
        if (stateDir != null) {
            args.add("--covey.host.state-dir=" + stateDir);
        }
        args.addAll(List.of(extraArgs));
        return new TestHost(SpringApplication.run(TestHostConfiguration.class, args.toArray(String[]::new)));
    }

    int port() {
        return ((WebServerApplicationContext) context).getWebServer().getPort();
    }

    String baseUrl() {
        return "http://127.0.0.1:" + port();
    }

    <T> T bean(Class<T> type) {
        return context.getBean(type);
    }

    @Override
    public void close() {
        context.close();
    }
}
