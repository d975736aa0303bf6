package io.covey.client.autoconfigure;

import org.springframework.beans.factory.NoSuchBeanDefinitionException;
import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.core.env.Environment;

import io.covey.client.CoveyClient;
import io.covey.core.api.CoveyOperations;

/**
 * Explains a missing {@link CoveyClient} bean: without {@code covey.client.base-url} the
 * auto-configuration creates none (an application may talk to a host only in some environments),
 * and Spring's own report says only that no bean was found. Ahead of Boot's analyzer of the same
 * failure, so that the property is what the user reads.
 */
@Order(Ordered.HIGHEST_PRECEDENCE)
final class MissingBaseUrlFailureAnalyzer extends AbstractFailureAnalyzer<NoSuchBeanDefinitionException> {
    static final String PROPERTY = "covey.client.base-url";

    private final Environment environment;

    MissingBaseUrlFailureAnalyzer(Environment environment) {
        this.environment = environment;
    }

    @Override
    protected FailureAnalysis analyze(Throwable rootFailure, NoSuchBeanDefinitionException cause) {
        Class<?> wanted = cause.getBeanType();
        boolean coveyClient = wanted == CoveyClient.class || wanted == CoveyOperations.class;
        if (!coveyClient || environment.containsProperty(PROPERTY)) {
            return null;
        }
        return new FailureAnalysis(
                "A " + wanted.getSimpleName() + " bean is needed, but there is none: " + PROPERTY + " is not set, and"
                        + " covey-client creates its CoveyClient only once it knows where the host is.",
                "Set " + PROPERTY + " to the Covey host's URL, e.g. " + PROPERTY + "=http://localhost:7700 in"
                        + " application.properties or COVEY_CLIENT_BASE_URL in the environment (and covey.client.token"
                        + " when the host has an API token).",
                cause);
    }
}
