package io.covey.host.autoconfigure;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.net.URL;
import java.util.Collections;
import java.util.HashMap;
import java.util.Map;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.covey.core.spec.WorkerOptions;
import io.covey.engine.ManagerSettings;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The covey.host.* metadata IDEs show: every property described, and each default the engine has
 * too written once: the properties class's initialisers equal the engine's own defaults.
 */
class CoveyHostPropertiesMetadataTests {
    private static final String METADATA = "META-INF/spring-configuration-metadata.json";
    private static final Map<String, JsonNode> properties = new HashMap<>();

    @BeforeAll
    static void readMetadata() throws Exception {
        for (URL url : Collections.list(CoveyHostPropertiesMetadataTests.class.getClassLoader().getResources(METADATA))) {
            try (InputStream in = url.openStream()) {
                for (JsonNode property : JsonMapper.shared().readTree(in).path("properties")) {
                    String name = property.path("name").asString();
                    if (name.startsWith("covey.host.")) {
                        properties.put(name, property);
                    }
                }
            }
        }
    }

    @Test
    void everyPropertyIsDescribedAsASentence() {
        assertThat(properties).containsKeys("covey.host.enabled", "covey.host.allowed-origins", "covey.host.events.ping-interval",
                "covey.host.actuator.public-endpoints", "covey.host.worker-defaults.start-timeout", "covey.host.max-body-size");
        properties.forEach((name, property) -> assertThat(property.path("description").asString())
                .as("description of " + name).isNotBlank().endsWith("."));
    }

    @Test
    void theDeprecatedEventsOriginsPointToTheirReplacement() {
        assertThat(properties.get("covey.host.events.allowed-origins").path("deprecation").path("replacement").asString())
                .isEqualTo("covey.host.allowed-origins");
    }

    @Test
    void theDefaultsAreTheEnginesOwn() {
        CoveyHostProperties defaults = new CoveyHostProperties();
        assertThat(defaults.toManagerSettings()).isEqualTo(ManagerSettings.defaults());
        assertThat(defaults.getWorkerDefaults().toOptions()).isEqualTo(WorkerOptions.BUILT_IN);
        assertThat(properties.get("covey.host.worker-defaults.start-timeout").path("defaultValue").asString()).isEqualTo("30s");
        assertThat(properties.get("covey.host.events.retained").path("defaultValue").asInt())
                .isEqualTo(ManagerSettings.defaults().retainedEvents());
    }
}
