package io.covey.core.spec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.covey.core.api.InvalidSpecException;
import io.covey.core.json.CoveyJson;
import io.covey.core.worker.CoveyWorker;
import io.covey.core.worker.CoveyWorkerType;

class WorkerSpecTest {

    record PortParams(String serialport, int baudrate, int port) {
    }

    @CoveyWorkerType("Serial")
    static final class SerialWorker extends CoveyWorker<PortParams> {
        public SerialWorker(PortParams params) {
            super(params);
        }

        @Override
        public void runWorker() {
        }
    }

    @Test
    void derivedIdsDependOnTypeAndParamsOnlyAndIgnoreKeyOrder() {
        WorkerSpec a = new WorkerSpec("Serial", null, CoveyJson.mapper().readTree("{\"port\":7770,\"baudrate\":9600}"), null);
        WorkerSpec b = new WorkerSpec("Serial", null, CoveyJson.mapper().readTree("{\"baudrate\":9600,\"port\":7770}"), null);
        WorkerSpec other = new WorkerSpec("Serial", null, CoveyJson.mapper().readTree("{\"baudrate\":9600,\"port\":7771}"), null);

        assertThat(a.effectiveId()).isEqualTo(b.effectiveId()).matches("Serial-[0-9a-f]{12}");
        assertThat(a.effectiveId()).isNotEqualTo(other.effectiveId());
        assertThat(a.effectiveId()).isEqualTo(WorkerIds.derive("Serial", CoveyJson.toTree(Map.of("port", 7770, "baudrate", 9600))));
        assertThat(a.withId("tty123").effectiveId()).isEqualTo("tty123");
    }

    @Test
    void aWorkerInstanceDeclaresItsTypeNameParamsAndOptions() {
        WorkerSpec spec = new SerialWorker(new PortParams("/dev/ttyUSB0", 9600, 7770))
                .setOptions(WorkerOptions.NONE.withForeign(false))
                .toSpec();

        assertThat(spec.type()).isEqualTo("Serial");
        assertThat(spec.params().get("serialport").asString()).isEqualTo("/dev/ttyUSB0");
        assertThat(spec.options().foreign()).isFalse();

        CoveyGroup group = new CoveyGroup("g", List.of(new SerialWorker(new PortParams("/dev/ttyUSB0", 9600, 7770))));
        assertThat(group.workers()).hasSize(1);
        assertThat(group.workers().get(0).effectiveId()).isEqualTo(spec.effectiveId());
    }

    @Test
    void namesOutsideThePatternAreRefusedWithAReadableMessage() {
        assertThatThrownBy(() -> new CoveyGroup("../x", List.of())).isInstanceOf(InvalidSpecException.class)
                .hasMessageContaining("group name '../x' is not valid");
        assertThatThrownBy(() -> new CoveyGroup("a\u0000b", List.of())).hasMessageContaining("\\u0000");
        assertThatThrownBy(() -> new CoveyGroup("x".repeat(10_000), List.of())).hasMessageContaining("10000 chars");
        assertThatThrownBy(() -> new WorkerSpec("Serial", "bad id", null, null)).hasMessageContaining("worker id");
        assertThatThrownBy(() -> new WorkerSpec("", null, null, null)).hasMessageContaining("\"type\"");
        assertThat(CoveyNames.isValid("g1.prod_a-b")).isTrue();
        assertThat(CoveyNames.isValid("x".repeat(128))).isTrue();
        assertThat(CoveyNames.isValid("x".repeat(129))).isFalse();
    }

    @Test
    void optionsRoundTripThroughJsonWithReadableDurations() {
        WorkerOptions options = WorkerOptions.NONE.withRestart(RestartPolicy.ALWAYS).withStopTimeout(Duration.ofMillis(1500));
        String json = CoveyJson.write(options);
        assertThat(json).isEqualTo("{\"restart\":\"always\",\"stopTimeout\":\"1500ms\"}");
        assertThat(CoveyJson.mapper().readValue(json, WorkerOptions.class)).isEqualTo(options);

        WorkerOptions parsed = CoveyJson.mapper().readValue("{\"foreign\":false,\"restart\":\"never\",\"startTimeout\":\"PT5S\",\"backoffMax\":250}", WorkerOptions.class);
        assertThat(parsed.foreign()).isFalse();
        assertThat(parsed.restart()).isEqualTo(RestartPolicy.NEVER);
        assertThat(parsed.startTimeout()).isEqualTo(Duration.ofSeconds(5));
        assertThat(parsed.backoffMax()).isEqualTo(Duration.ofMillis(250));
    }

    @Test
    void unsetOptionsComeFromTheDefaults() {
        WorkerOptions resolved = WorkerOptions.NONE.withForeign(false).orElse(WorkerOptions.BUILT_IN);
        assertThat(resolved.foreign()).isFalse();
        assertThat(resolved.restart()).isEqualTo(RestartPolicy.ON_CRASH);
        assertThat(resolved.stopTimeout()).isEqualTo(Duration.ofSeconds(10));
        assertThat(resolved.restartLimit()).isEqualTo(10);
    }

    @Test
    void nonsensicalOptionsAreRefused() {
        assertThatThrownBy(() -> WorkerOptions.NONE.withStopTimeout(Duration.ZERO)).hasMessageContaining("stopTimeout must be positive");
        assertThatThrownBy(() -> WorkerOptions.NONE.withRestartLimit(0, Duration.ofMinutes(1))).hasMessageContaining("restartLimit");
        assertThatThrownBy(() -> RestartPolicy.fromWireName("sometimes")).hasMessageContaining("on-crash, always or never");
    }
}
