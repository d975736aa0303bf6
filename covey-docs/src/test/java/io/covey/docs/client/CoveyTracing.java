package io.covey.docs.client;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.client.ClientHttpRequestInterceptor;

import io.covey.client.CoveyClientCustomizer;

@Configuration(proxyBeanMethods = false)
class CoveyTracing {
    @Bean
    CoveyClientCustomizer coveyTracing(ClientHttpRequestInterceptor tracing) {
        return builder -> builder.requestInterceptor(tracing);
    }
}
