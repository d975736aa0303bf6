package io.covey.host.it;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

import tools.jackson.databind.JsonNode;

/** The manifest over HTTP: the type names, and each type's params as a JSON Schema a client can check a spec against. */
@SpringBootTest(classes = TestHostConfiguration.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = "covey.host.worker-defaults.foreign=false")
class HostManifestTest {
    @LocalServerPort
    int port;

    @Test
    void eachTypeComesWithTheSchemaOfItsParams() {
        JsonNode manifest = new HttpJson(port, null).get("/api/v1/manifest").json();
        assertThat(manifest.get("types")).extracting(JsonNode::asString).contains("CountdownJob", "ServiceWorker", "CrashingWorker");
        JsonNode countdown = manifest.at("/params/CountdownJob");
        assertThat(countdown.get("$schema").asString()).isEqualTo("https://json-schema.org/draft/2020-12/schema");
        assertThat(countdown.at("/properties/from/type").asString()).isEqualTo("integer");
        assertThat(countdown.get("required")).extracting(JsonNode::asString).containsExactly("from");
        assertThat(manifest.at("/params/CrashingWorker/maxProperties").asInt()).isZero();
        assertThat(manifest.get("params").propertyNames()).containsExactlyElementsOf(
                manifest.get("types").valueStream().map(JsonNode::asString).toList());
    }
}
