package io.covey.client.autoconfigure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.stereotype.Component;

import io.covey.client.CoveyClient;

/** An application that needs a CoveyClient and has no covey.client.base-url is told to set it. */
@ExtendWith(OutputCaptureExtension.class)
class MissingBaseUrlFailureAnalyzerTests {

    @Test
    void aMissingBaseUrlFailsStartupWithAMessageNamingTheProperty(CapturedOutput output) {
        SpringApplication application = new SpringApplication(NeedsAClient.class);
        application.setWebApplicationType(WebApplicationType.NONE);

        assertThatThrownBy(() -> application.run("--spring.main.banner-mode=off")).isNotNull();

        assertThat(output).contains("APPLICATION FAILED TO START")
                .contains("covey.client.base-url is not set")
                .contains("Set covey.client.base-url to the Covey host's URL, e.g. covey.client.base-url=http://localhost:7700");
    }

    @Test
    void aMissingBeanOfAnotherTypeIsLeftToSpring(CapturedOutput output) {
        SpringApplication application = new SpringApplication(NeedsSomethingElse.class);
        application.setWebApplicationType(WebApplicationType.NONE);

        assertThatThrownBy(() -> application.run("--spring.main.banner-mode=off")).isNotNull();

        assertThat(output).contains("APPLICATION FAILED TO START").doesNotContain("covey.client.base-url");
    }

    @Configuration(proxyBeanMethods = false)
    @EnableAutoConfiguration
    @Import(Reports.class)
    static class NeedsAClient {
    }

    @Component
    static class Reports {
        Reports(CoveyClient covey) {
        }
    }

    @Configuration(proxyBeanMethods = false)
    @EnableAutoConfiguration
    @Import(Other.class)
    static class NeedsSomethingElse {
    }

    @Component
    static class Other {
        Other(Runnable missing) {
        }
    }
}
