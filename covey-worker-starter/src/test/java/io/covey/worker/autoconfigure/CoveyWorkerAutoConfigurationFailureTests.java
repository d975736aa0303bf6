package io.covey.worker.autoconfigure;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;

import io.covey.core.manifest.CoveyManifest;
import io.covey.worker.autoconfigure.testworkers.clash.EchoWorker;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.assertj.AssertableApplicationContext;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Mistakes fail the context at startup, with a message that says what to fix. */
class CoveyWorkerAutoConfigurationFailureTests {
    private static final String TEST_WORKERS = "io.covey.worker.autoconfigure.testworkers.";

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(CoveyWorkerAutoConfiguration.class));

    @Test
    void typeNameDeclaredTwiceByScannedClasses() {
        runner.withPropertyValues("covey.worker.scan-packages=" + TEST_WORKERS + "good," + TEST_WORKERS + "clash")
                .run(context -> assertThat(failureMessages(context)).anySatisfy(message -> assertThat(message)
                        .contains("worker type name 'EchoWorker' is declared twice")
                        .contains(TEST_WORKERS + "clash.EchoWorker")
                        .contains(TEST_WORKERS + "good.EchoWorker")));
    }

    @Test
    void typeNameDeclaredTwiceByScanAndCustomizer() {
        runner.withPropertyValues("covey.worker.scan-packages=" + TEST_WORKERS + "good")
                .withUserConfiguration(ClashingCustomizer.class)
                .run(context -> assertThat(failureMessages(context))
                        .anySatisfy(message -> assertThat(message).contains("'EchoWorker' is declared twice")));
    }

    @Test
    void annotatedClassThatIsNoWorker() {
        runner.withPropertyValues("covey.worker.scan-packages=" + TEST_WORKERS + "notaworker")
                .run(context -> assertThat(failureMessages(context)).anySatisfy(message -> assertThat(message)
                        .contains(TEST_WORKERS + "notaworker.NotAWorker is annotated @CoveyWorkerType "
                                + "but does not extend io.covey.core.worker.CoveyWorker")));
    }

    @Test
    void durationThatIsNoDuration() {
        runner.withPropertyValues("covey.worker.heartbeat-interval=banana")
                .run(context -> assertThat(failureMessages(context)).anySatisfy(message -> assertThat(message)
                        .contains("covey.worker.heartbeat-interval")).anySatisfy(message -> assertThat(message)
                        .contains("banana")));
    }

    @Test
    void unresponsiveAfterNotLongerThanHeartbeat() {
        runner.withPropertyValues("covey.worker.heartbeat-interval=10s", "covey.worker.unresponsive-after=5s")
                .run(context -> assertThat(failureMessages(context)).anySatisfy(message -> assertThat(message)
                        .contains("unresponsive-after must be longer than heartbeat-interval (PT10S)")));
    }

    @Test
    void nonPositiveSizesAndDurations() {
        runner.withPropertyValues("covey.worker.heartbeat-interval=0s", "covey.worker.kill-grace=-1s",
                "covey.worker.max-message-size=0B").run(context -> assertThat(failureMessages(context))
                        .anySatisfy(message -> assertThat(message)
                                .contains("heartbeat-interval must be positive")
                                .contains("kill-grace must not be negative")
                                .contains("max-message-size must be between")));
    }

    @Test
    void negativeWarmPool() {
        runner.withPropertyValues("covey.worker.warm-pool.size=-1", "covey.worker.warm-pool.idle-limit=-1s")
                .run(context -> assertThat(failureMessages(context)).anySatisfy(message -> assertThat(message)
                        .contains("warm-pool.size must not be negative")
                        .contains("warm-pool.idle-limit must not be negative")));
    }

    @Test
    void unknownTransport() {
        runner.withPropertyValues("covey.worker.transport=pigeon")
                .run(context -> assertThat(failureMessages(context))
                        .anySatisfy(message -> assertThat(message).contains("covey.worker.transport")));
    }

    // Spring wraps the cause in several layers; the useful text may sit at any of them.
    private static List<String> failureMessages(AssertableApplicationContext context) {
        assertThat(context).hasFailed();
        List<String> messages = new ArrayList<>();
        for (Throwable t = context.getStartupFailure(); t != null; t = t.getCause()) {
            messages.add(String.valueOf(t.getMessage()));
        }
        return messages;
    }

    @Configuration(proxyBeanMethods = false)
    static class ClashingCustomizer {
        @Bean
        CoveyManifestCustomizer clashingEcho() {
            return CoveyManifestCustomizer.including(CoveyManifest.of(EchoWorker.class));
        }
    }
}
