package io.covey.host.it;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

/** covey.host.dashboard.enabled=false: no page, no scripts, the API as before. */
@SpringBootTest(classes = TestHostConfiguration.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"covey.host.worker-defaults.foreign=false", "covey.host.dashboard.enabled=false"})
class HostDashboardOffTest {
    @LocalServerPort
    int port;

    @Test
    void theHostServesNoDashboardButItsApi() {
        HttpJson http = new HttpJson(port, null);
        assertThat(http.get("/").status()).isEqualTo(404);
        assertThat(http.get("/index.html").status()).isEqualTo(404);
        assertThat(http.get("/js/app.js").status()).isEqualTo(404);
        assertThat(http.get("/api/v1/groups").status()).isEqualTo(200);
    }
}
