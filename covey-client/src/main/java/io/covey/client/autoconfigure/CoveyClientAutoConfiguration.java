package io.covey.client.autoconfigure;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;

import io.covey.client.CoveyClient;
import io.covey.client.CoveyClientCustomizer;

/**
 * A {@link CoveyClient} bean once {@code covey.client.base-url} is set. Without the URL there is
 * neither a bean nor an error: an application may depend on the client and talk to a host only
 * in some environments. A URL that is set but wrong fails the context, naming the property.
 */
@AutoConfiguration
@ConditionalOnProperty(prefix = "covey.client", name = "base-url")
@EnableConfigurationProperties(CoveyClientProperties.class)
public final class CoveyClientAutoConfiguration {

    @Bean(destroyMethod = "close")
    @ConditionalOnMissingBean
    CoveyClient coveyClient(CoveyClientProperties properties, ObjectProvider<CoveyClientCustomizer> customizers) {
        return new CoveyClient(properties.toSettings(), customizers.orderedStream().toList());
    }
}
