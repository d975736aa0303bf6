package io.covey.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;

import io.covey.core.event.EventFilter;
import io.covey.core.spec.WorkerSpec;
import io.covey.engine.testworkers.ServiceWorker;

/** Host errors arrive as CoveyClientException with the host's detail; a host that does not answer never hangs a caller. */
class HostErrorsTest {

    @Test
    void problemResponsesCarryStatusTitleAndTheHostsDetail() {
        try (TestHost host = TestHost.start(); CoveyClient client = new CoveyClient(CoveyClientSettings.of(host.baseUrl()))) {
            assertThatThrownBy(() -> client.worker("nope"))
                    .isInstanceOfSatisfying(CoveyClientException.class, e -> {
                        assertThat(e.status()).isEqualTo(404);
                        assertThat(e.title()).isEqualTo("Not Found");
                        assertThat(e.detail()).isEqualTo("no worker with id 'nope'");
                        assertThat(e.isNotFound()).isTrue();
                        assertThat(e.uri()).hasToString(host.baseUrl() + "/api/v1/workers/nope");
                    });
            assertThatThrownBy(() -> client.runGroup("bad", List.of(WorkerSpec.of("Unknown", null))))
                    .isInstanceOfSatisfying(CoveyClientException.class, e -> {
                        assertThat(e.status()).isEqualTo(400);
                        assertThat(e.detail()).contains("worker type 'Unknown' is not declared; declared types: ").contains("ServiceWorker");
                    });
            // An id that is not a valid name never reaches a path segment it could escape.
            assertThatThrownBy(() -> client.worker("../groups"))
                    .isInstanceOfSatisfying(CoveyClientException.class, e -> {
                        assertThat(e.uri().getRawPath()).isEqualTo("/api/v1/workers/..%2Fgroups");
                        assertThat(e.status()).isIn(400, 404);
                    });
        }
    }

    @Test
    void theTokenIsSentToTheApiAndTheEventStreamAndAMissingOneIsA401() {
        try (TestHost host = TestHost.start("--covey.host.api-token=s3cret");
             CoveyClient anonymous = new CoveyClient(CoveyClientSettings.of(host.baseUrl()));
             CoveyClient client = new CoveyClient(CoveyClientSettings.of(host.baseUrl()).withToken("s3cret"))) {
            assertThatThrownBy(anonymous::groups)
                    .isInstanceOfSatisfying(CoveyClientException.class, e -> {
                        assertThat(e.status()).isEqualTo(401);
                        assertThat(e.detail()).contains("Authorization: Bearer");
                    });
            EventTrail trail = new EventTrail();
            client.subscribe(EventFilter.group("auth"), trail);
            client.runGroup("auth", List.of(WorkerSpec.of("ServiceWorker", new ServiceWorker.Params("t")).withId("t")));
            await().until(() -> !trail.events().isEmpty());
            client.nukeGroup("auth");
        }
    }

    @Test
    void aStoppedHostIsAClearExceptionNamingTheUrlWithinTheConnectTimeout() {
        TestHost host = TestHost.start();
        String baseUrl = host.baseUrl();
        host.close();
        CoveyClientSettings settings = CoveyClientSettings.of(baseUrl).withTimeouts(Duration.ofSeconds(2), Duration.ofSeconds(2));
        try (CoveyClient client = new CoveyClient(settings)) {
            long started = System.nanoTime();
            assertThatThrownBy(() -> client.worker("w"))
                    .isInstanceOfSatisfying(CoveyClientException.class, e -> {
                        assertThat(e.isUnreachable()).isTrue();
                        assertThat(e.getMessage()).startsWith("cannot reach the Covey host at " + baseUrl + "/api/v1/workers/w");
                    });
            assertThatThrownBy(() -> client.subscribe(0, EventFilter.ALL, event -> { }))
                    .isInstanceOf(CoveyClientException.class)
                    .hasMessageContaining("cannot reach the Covey host at ws://");
            assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(4));
        }
    }

    @Test
    void aHostThatAcceptsButNeverAnswersIsCutOffAtTheReadTimeout() throws Exception {
        // The kernel completes the TCP handshake into the backlog; nobody ever reads the request.
        try (ServerSocket silent = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
             CoveyClient client = new CoveyClient(CoveyClientSettings.of("http://127.0.0.1:" + silent.getLocalPort())
                     .withTimeouts(Duration.ofSeconds(1), Duration.ofSeconds(1)))) {
            long started = System.nanoTime();
            assertThatThrownBy(client::groups)
                    .isInstanceOfSatisfying(CoveyClientException.class, e -> assertThat(e.isUnreachable()).isTrue())
                    .hasMessageContaining("cannot reach the Covey host at http://127.0.0.1:" + silent.getLocalPort());
            assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(5));
        }
    }
}
