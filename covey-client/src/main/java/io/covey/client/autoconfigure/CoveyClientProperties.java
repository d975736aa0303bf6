package io.covey.client.autoconfigure;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;

import io.covey.client.CoveyClientSettings;

/** Settings of the Covey client: where the host is and how to talk to it. */
@ConfigurationProperties("covey.client")
public class CoveyClientProperties {
    /**
     * Base URL of the Covey host, e.g. http://localhost:7700; the API and the event stream are
     * below it. Without it no CoveyClient bean is created.
     */
    private String baseUrl;

    /** Bearer token the host was given as covey.host.api-token; empty sends none. */
    private String token = "";

    /** How long to wait for a connection to the host, for HTTP calls and the event stream. */
    private Duration connectTimeout = Duration.ofSeconds(5);

    /** How long to wait for the host's answer to an HTTP call. */
    private Duration readTimeout = Duration.ofSeconds(30);

    private final Reconnect reconnect = new Reconnect();

    CoveyClientSettings toSettings() {
        return new CoveyClientSettings(CoveyClientSettings.parseBaseUrl(baseUrl), token, connectTimeout, readTimeout,
                reconnect.initialDelay, reconnect.maxDelay);
    }

    public String getBaseUrl() {
        return baseUrl;
    }

    public void setBaseUrl(String baseUrl) {
        this.baseUrl = baseUrl;
    }

    public String getToken() {
        return token;
    }

    public void setToken(String token) {
        this.token = token;
    }

    public Duration getConnectTimeout() {
        return connectTimeout;
    }

    public void setConnectTimeout(Duration connectTimeout) {
        this.connectTimeout = connectTimeout;
    }

    public Duration getReadTimeout() {
        return readTimeout;
    }

    public void setReadTimeout(Duration readTimeout) {
        this.readTimeout = readTimeout;
    }

    public Reconnect getReconnect() {
        return reconnect;
    }

    /** How an event subscription reconnects after its connection dropped. */
    public static class Reconnect {
        /** Delay before the first reconnect attempt. */
        private Duration initialDelay = Duration.ofMillis(200);

        /** Longest delay between attempts; the delay doubles up to it, with 20 percent jitter. */
        private Duration maxDelay = Duration.ofSeconds(30);

        public Duration getInitialDelay() {
            return initialDelay;
        }

        public void setInitialDelay(Duration initialDelay) {
            this.initialDelay = initialDelay;
        }

        public Duration getMaxDelay() {
            return maxDelay;
        }

        public void setMaxDelay(Duration maxDelay) {
            this.maxDelay = maxDelay;
        }
    }
}
