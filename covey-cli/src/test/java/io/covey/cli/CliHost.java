package io.covey.cli;

import java.util.List;

import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

import io.covey.client.CoveyClient;
import io.covey.client.CoveyClientSettings;
import io.covey.core.api.CoveyOperations;

/**
 * One real host for every CLI test of the run, on a random port, with a token: started by the
 * first test class that asks, closed when the run ends (JUnit's root store closes it). Its
 * workers run in-process, so a test can make one log a line on cue.
 */
public final class CliHost implements BeforeAllCallback {
    public static final String TOKEN = "cli-test-token";
    private static volatile Running running;

    @Override
    public void beforeAll(ExtensionContext context) {
        context.getRoot().getStore(ExtensionContext.Namespace.GLOBAL).getOrComputeIfAbsent(CliHost.class, key -> {
            running = new Running(SpringApplication.run(CliHostConfiguration.class, "--server.port=0",
                    "--covey.host.api-token=" + TOKEN, "--covey.host.worker-defaults.foreign=false",
                    "--covey.host.worker-defaults.stop-timeout=2s", "--spring.main.banner-mode=off",
                    "--spring.lifecycle.timeout-per-shutdown-phase=5s"));
            return running;
        }, Running.class);
    }

    public static String url() {
        return "http://127.0.0.1:" + ((WebServerApplicationContext) running.context).getWebServer().getPort();
    }

    /** The host's manager itself, for arranging what a test then looks at through the CLI. */
    public static CoveyOperations manager() {
        return running.context.getBean(CoveyOperations.class);
    }

    /** The seq of the host's newest event. */
    public static long lastSeq() {
        try (CoveyClient client = new CoveyClient(CoveyClientSettings.of(url()).withToken(TOKEN))) {
            return client.lastEventSeq();
        }
    }

    /** Forgets the groups a test declared. */
    public static void nuke(List<String> groups) {
        for (String group : groups) {
            if (manager().groups().stream().anyMatch(g -> g.name().equals(group))) {
                manager().nukeGroup(group);
            }
        }
    }

    record Running(ConfigurableApplicationContext context) implements ExtensionContext.Store.CloseableResource {
        @Override
        public void close() {
            context.close();
        }
    }
}
