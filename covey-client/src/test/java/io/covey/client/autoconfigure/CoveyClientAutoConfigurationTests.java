package io.covey.client.autoconfigure;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import io.covey.client.CoveyClient;
import io.covey.client.CoveyClientCustomizer;
import io.covey.core.api.CoveyOperations;

class CoveyClientAutoConfigurationTests {
    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(CoveyClientAutoConfiguration.class));

    @Test
    void aBaseUrlGivesACoveyClientWithTheConfiguredSettings() {
        runner.withPropertyValues("covey.client.base-url=http://covey.example:7700/", "covey.client.token=s3cret",
                        "covey.client.connect-timeout=2s", "covey.client.read-timeout=10s",
                        "covey.client.reconnect.initial-delay=100ms", "covey.client.reconnect.max-delay=5s")
                .run(context -> {
                    assertThat(context).hasSingleBean(CoveyClient.class).hasSingleBean(CoveyOperations.class);
                    var settings = context.getBean(CoveyClient.class).settings();
                    assertThat(settings.baseUrl()).hasToString("http://covey.example:7700");
                    assertThat(settings.token()).isEqualTo("s3cret");
                    assertThat(settings.connectTimeout()).isEqualTo(Duration.ofSeconds(2));
                    assertThat(settings.readTimeout()).isEqualTo(Duration.ofSeconds(10));
                    assertThat(settings.reconnectInitial()).isEqualTo(Duration.ofMillis(100));
                    assertThat(settings.reconnectMax()).isEqualTo(Duration.ofSeconds(5));
                });
    }

    @Test
    void withoutABaseUrlThereIsNoClientAndNoError() {
        runner.withPropertyValues("covey.client.token=s3cret").run(context -> {
            assertThat(context).hasNotFailed();
            assertThat(context).doesNotHaveBean(CoveyClient.class);
        });
    }

    @Test
    void aMalformedBaseUrlFailsTheContextNamingTheProperty() {
        for (String wrong : new String[] {"localhost:7700", "http://", "ftp://host/", "http://host:7700/?x=1", "http://a b"}) {
            runner.withPropertyValues("covey.client.base-url=" + wrong).run(context -> {
                assertThat(context).hasFailed();
                assertThat(context.getStartupFailure()).rootCause()
                        .isInstanceOf(IllegalArgumentException.class)
                        .hasMessageContaining("covey.client.base-url must be the host's http(s) URL")
                        .hasMessageContaining("'" + wrong + "'");
            });
        }
    }

    @Test
    void thePropertiesDefaultsAreTheSettingsOwn() {
        CoveyClientProperties properties = new CoveyClientProperties();
        properties.setBaseUrl("http://localhost:7700");
        assertThat(properties.toSettings()).isEqualTo(io.covey.client.CoveyClientSettings.of("http://localhost:7700"));
    }

    @Test
    void aBadTimeoutFailsTheContextSayingWhich() {
        runner.withPropertyValues("covey.client.base-url=http://localhost:7700", "covey.client.connect-timeout=0s")
                .run(context -> assertThat(context.getStartupFailure()).rootCause()
                        .hasMessageContaining("the connect timeout must be positive"));
    }

    @Test
    void customizersAdjustTheHttpClientAndAUserBeanWins() {
        AtomicInteger customized = new AtomicInteger();
        runner.withPropertyValues("covey.client.base-url=http://localhost:7700")
                .withBean(CoveyClientCustomizer.class, () -> builder -> customized.incrementAndGet())
                .run(context -> {
                    assertThat(context).hasSingleBean(CoveyClient.class);
                    assertThat(customized).hasValue(1);
                });
        runner.withPropertyValues("covey.client.base-url=http://localhost:7700")
                .withBean("mine", CoveyClient.class, () -> new CoveyClient(io.covey.client.CoveyClientSettings.of("http://other:1")))
                .run(context -> assertThat(context.getBean(CoveyClient.class).settings().baseUrl()).hasToString("http://other:1"));
    }
}
