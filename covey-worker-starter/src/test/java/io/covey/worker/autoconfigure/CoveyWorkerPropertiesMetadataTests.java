package io.covey.worker.autoconfigure;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.net.URL;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import io.covey.core.launch.ChildLaunchSettings;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.convert.DurationStyle;
import org.springframework.util.unit.DataSize;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The metadata the configuration processor writes into the jar: it is what IDEs show users, so
 * every property must be described and its documented default must be the real one.
 */
class CoveyWorkerPropertiesMetadataTests {
    private static final String METADATA = "META-INF/spring-configuration-metadata.json";
    private static final Map<String, JsonNode> properties = new HashMap<>();

    @BeforeAll
    static void readMetadata() throws Exception {
        // Other jars on the class path ship the same resource; keep only covey.worker.* entries.
        for (URL url : Collections.list(CoveyWorkerPropertiesMetadataTests.class.getClassLoader().getResources(METADATA))) {
            try (InputStream in = url.openStream()) {
                for (JsonNode property : JsonMapper.shared().readTree(in).path("properties")) {
                    String name = property.path("name").asString();
                    if (name.startsWith("covey.worker.")) {
                        properties.put(name, property);
                    }
                }
            }
        }
    }

    @Test
    void describesHeartbeatIntervalWithItsDefault() {
        JsonNode heartbeat = properties.get("covey.worker.heartbeat-interval");
        assertThat(heartbeat).as("covey.worker.heartbeat-interval in " + METADATA).isNotNull();
        assertThat(heartbeat.path("type").asString()).isEqualTo("java.time.Duration");
        assertThat(heartbeat.path("description").asString()).startsWith("Set how often a child");
        assertThat(heartbeat.path("defaultValue").asString()).isEqualTo("5s");
    }

    @Test
    void describesEveryProperty() {
        assertThat(properties.keySet()).containsExactlyInAnyOrder(
                "covey.worker.scan-packages", "covey.worker.java", "covey.worker.jvm-options",
                "covey.worker.class-path", "covey.worker.inherit-class-path", "covey.worker.extra-class-path", "covey.worker.worker-path",
                "covey.worker.environment-allow-list", "covey.worker.socket-directory", "covey.worker.runtime-directory", "covey.worker.transport",
                "covey.worker.heartbeat-interval", "covey.worker.unresponsive-after", "covey.worker.kill-grace",
                "covey.worker.max-message-size", "covey.worker.warm-pool.size", "covey.worker.warm-pool.idle-limit",
                "covey.worker.allowed-jvm-options", "covey.worker.usage-sample-interval");
        properties.forEach((name, property) -> assertThat(property.path("description").asString())
                .as("description of " + name).isNotBlank().endsWith("."));
    }

    @Test
    void documentedDefaultsAreTheRealOnes() {
        ChildLaunchSettings defaults = ChildLaunchSettings.defaults();
        assertThat(duration("heartbeat-interval")).isEqualTo(defaults.heartbeatInterval());
        assertThat(duration("unresponsive-after")).isEqualTo(defaults.unresponsiveAfter());
        assertThat(duration("kill-grace")).isEqualTo(defaults.killGrace());
        assertThat(duration("usage-sample-interval")).isEqualTo(defaults.usageSampleInterval());
        assertThat(DataSize.parse(defaultValue("max-message-size").asString()).toBytes())
                .isEqualTo(defaults.maxMessageBytes());
        assertThat(defaultValue("transport").asString()).isEqualTo("unix");
        assertThat(defaultValue("warm-pool.size").asInt()).isEqualTo(defaults.warmPool().size());
        assertThat(duration("warm-pool.idle-limit")).isEqualTo(defaults.warmPool().idleLimit());
        assertThat(strings(defaultValue("jvm-options"))).isEqualTo(defaults.jvmOptions());
        assertThat(strings(defaultValue("environment-allow-list"))).isEqualTo(defaults.environmentAllowList());
        assertThat(new CoveyWorkerProperties().toLaunchSettings()).isEqualTo(defaults);
    }

    private static java.time.Duration duration(String property) {
        return DurationStyle.detectAndParse(defaultValue(property).asString());
    }

    private static JsonNode defaultValue(String property) {
        return properties.get("covey.worker." + property).path("defaultValue");
    }

    private static List<String> strings(JsonNode array) {
        List<String> values = new ArrayList<>();
        array.forEach(value -> values.add(value.asString()));
        return values;
    }
}
