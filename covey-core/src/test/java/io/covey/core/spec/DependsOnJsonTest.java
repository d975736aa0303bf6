package io.covey.core.spec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;

import io.covey.core.json.CoveyJson;
import tools.jackson.databind.DatabindException;

/** {@code dependsOn} and the sequencing and health options on the wire. */
class DependsOnJsonTest {

    private static WorkerSpec read(String json) {
        return CoveyJson.mapper().readValue(json, WorkerSpec.class);
    }

    @Test
    void acceptsTheObjectFormAndTheShortForm() {
        WorkerSpec spec = read("""
                {"type":"Api","id":"api","dependsOn":["db",{"id":"migrate","condition":"completed"},{"id":"cache"}]}""");

        assertThat(spec.dependsOn()).containsExactly(Dependency.running("db"), Dependency.completed("migrate"),
                Dependency.running("cache"));
    }

    @Test
    void writesTheObjectFormAndLeavesAnEmptyListOut() {
        WorkerSpec spec = new WorkerSpec("Api", "api", null, null).withDependsOn(Dependency.running("db"));

        assertThat(CoveyJson.write(spec)).isEqualTo(
                "{\"type\":\"Api\",\"id\":\"api\",\"params\":{},\"options\":{},\"dependsOn\":[{\"id\":\"db\",\"condition\":\"running\"}]}");
        assertThat(read(CoveyJson.write(spec))).isEqualTo(spec);
        assertThat(CoveyJson.write(new WorkerSpec("Api", "api", null, null))).doesNotContain("dependsOn");
    }

    @Test
    void refusesUnknownConditionsAndDuplicates() {
        assertThatThrownBy(() -> read("{\"type\":\"Api\",\"dependsOn\":[{\"id\":\"db\",\"condition\":\"healthy\"}]}"))
                .isInstanceOf(DatabindException.class).hasStackTraceContaining("use running or completed");
        assertThatThrownBy(() -> read("{\"type\":\"Api\",\"dependsOn\":[\"db\",{\"id\":\"db\"}]}"))
                .hasStackTraceContaining("lists 'db' twice in dependsOn");
        assertThatThrownBy(() -> read("{\"type\":\"Api\",\"dependsOn\":[\"bad id\"]}"))
                .hasStackTraceContaining("dependency id 'bad id' is not valid");
    }

    @Test
    void dependsOnDoesNotMakeADifferentDeclaration() {
        WorkerSpec plain = new WorkerSpec("Api", "api", null, null);
        assertThat(plain.withDependsOn(Dependency.running("db")).sameDeclarationAs(plain)).isTrue();
        assertThat(plain.withDependsOn(Dependency.running("db"))).isNotEqualTo(plain);
    }

    @Test
    void sequencingAndHealthOptionsRoundTripAndDefault() {
        WorkerOptions options = CoveyJson.mapper().readValue(
                "{\"critical\":true,\"restartDependants\":true,\"healthInterval\":\"5s\",\"healthTimeout\":500,\"healthFailures\":2}",
                WorkerOptions.class);
        assertThat(options).isEqualTo(WorkerOptions.NONE.withCritical(true).withRestartDependants(true)
                .withHealth(Duration.ofSeconds(5), Duration.ofMillis(500), 2));
        assertThat(CoveyJson.mapper().readValue(CoveyJson.write(options), WorkerOptions.class)).isEqualTo(options);

        WorkerOptions resolved = WorkerOptions.NONE.orElse(WorkerOptions.BUILT_IN);
        assertThat(List.of(resolved.critical(), resolved.restartDependants())).containsExactly(false, false);
        assertThat(resolved.healthInterval()).isEqualTo(Duration.ofSeconds(10));
        assertThat(resolved.healthTimeout()).isEqualTo(Duration.ofSeconds(2));
        assertThat(resolved.healthFailures()).isEqualTo(3);
        assertThatThrownBy(() -> WorkerOptions.NONE.withHealth(Duration.ofSeconds(1), Duration.ZERO, 1))
                .hasMessageContaining("healthTimeout must be positive");
        assertThatThrownBy(() -> WorkerOptions.NONE.withHealth(Duration.ofSeconds(1), Duration.ofSeconds(1), 0))
                .hasMessageContaining("healthFailures must be at least 1");
    }
}
