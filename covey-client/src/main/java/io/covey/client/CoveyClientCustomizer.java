package io.covey.client;

import org.springframework.web.client.RestClient;

/**
 * Adjusts the HTTP client a {@link CoveyClient} calls the host with: interceptors, observation,
 * extra headers, a request factory with TLS settings. Applied after Covey's own settings (base
 * URL, token, timeouts), so a customizer can override them.
 */
@FunctionalInterface
public interface CoveyClientCustomizer {
    void customize(RestClient.Builder builder);
}
