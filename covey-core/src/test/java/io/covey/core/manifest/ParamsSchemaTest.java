package io.covey.core.manifest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.annotation.JsonProperty;

import io.covey.core.api.InvalidParamsException;
import io.covey.core.json.CoveyJson;
import io.covey.core.spec.RestartPolicy;
import io.covey.core.worker.CoveyWorker;

/** The schema says what reading the params accepts: the same names, types, required fields and enum values. */
class ParamsSchemaTest {

    record Target(String url, @JsonProperty(required = true) Integer weight) {
    }

    record Params(int port, String name, boolean verbose, double ratio, RestartPolicy policy, List<String> tags,
                  Map<String, Long> limits, Target primary, List<Target> fallbacks, Optional<Duration> timeout,
                  @JsonProperty("baud-rate") long baudRate) {
    }

    public static final class Forwarder extends CoveyWorker<Params> {
        public Forwarder(Params params) {
            super(params);
        }

        @Override
        public void runWorker() {
        }
    }

    public static final class NoParams extends CoveyWorker<Void> {
        public NoParams() {
            super(null);
        }

        @Override
        public void runWorker() {
        }
    }

    private final CoveyManifest manifest = CoveyManifest.of(Forwarder.class, NoParams.class);

    @Test
    void aRecordsComponentsBecomeTypedPropertiesWithTheRequiredOnes() {
        String schema = CoveyJson.write(ParamsSchema.of(manifest.require("Forwarder")));
        assertThat(CoveyJson.mapper().readTree(schema)).isEqualTo(CoveyJson.mapper().readTree("""
                {"$schema":"https://json-schema.org/draft/2020-12/schema","title":"params of Forwarder","type":"object",
                 "properties":{
                   "port":{"type":"integer"},"name":{"type":"string"},"verbose":{"type":"boolean"},"ratio":{"type":"number"},
                   "policy":{"type":"string","enum":["on-crash","always","never"]},
                   "tags":{"type":"array","items":{"type":"string"}},
                   "limits":{"type":"object","additionalProperties":{"type":"integer"}},
                   "primary":{"type":"object","properties":{"url":{"type":"string"},"weight":{"type":"integer"}},"required":["weight"]},
                   "fallbacks":{"type":"array","items":{"type":"object","properties":{"url":{"type":"string"},"weight":{"type":"integer"}},"required":["weight"]}},
                   "timeout":{"type":"string","description":"a duration such as 10s, 500ms or PT1M"},
                   "baud-rate":{"type":"integer"}},
                 "required":["port","verbose","ratio","baud-rate"]}"""));
    }

    @Test
    void whatTheSchemaRequiresIsWhatReadingRequires() {
        WorkerType type = manifest.require("Forwarder");
        assertThatThrownBy(() -> type.parseParams(CoveyJson.mapper().readTree("{\"verbose\":true,\"ratio\":1,\"baud-rate\":9600}")))
                .isInstanceOfSatisfying(InvalidParamsException.class, e -> {
                    assertThat(e.field()).isEqualTo("port");
                    assertThat(e.getMessage()).isEqualTo("params do not fit worker type 'Forwarder': 'port' is required (a whole number)");
                });
        assertThatThrownBy(() -> type.parseParams(CoveyJson.mapper().readTree(
                "{\"port\":1,\"verbose\":true,\"ratio\":1,\"baud-rate\":9600,\"policy\":\"sometimes\"}")))
                .isInstanceOfSatisfying(InvalidParamsException.class, e -> assertThat(e.field()).isEqualTo("policy"));
    }

    @Test
    void aTypeWithoutParamsTakesAnEmptyObject() {
        assertThat(ParamsSchema.of(manifest.require("NoParams")).get("maxProperties").asInt()).isZero();
    }
}
