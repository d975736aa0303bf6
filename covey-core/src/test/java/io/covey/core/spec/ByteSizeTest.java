package io.covey.core.spec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import io.covey.core.json.CoveyJson;

class ByteSizeTest {
    @ParameterizedTest
    @CsvSource({"256m, 268435456, 256m", "1g, 1073741824, 1g", "512k, 524288, 512k", "64MB, 67108864, 64m",
            "1536k, 1572864, 1536k", "4096, 4096, 4k", "1000, 1000, 1000", "2G, 2147483648, 2g"})
    void readsWhatPeopleWriteAndWritesTheShortestExactForm(String text, long bytes, String canonical) {
        ByteSize size = ByteSize.parse(text);
        assertThat(size.bytes()).isEqualTo(bytes);
        assertThat(size.text()).isEqualTo(canonical);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "lots", "-1m", "1.5g", "m", "0", "99999999999999999999g"})
    void refusesWhatIsNoSize(String text) {
        assertThatThrownBy(() -> ByteSize.parse(text)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void workerOptionsCarryTheLimitsOnTheWireAsText() {
        WorkerOptions options = WorkerOptions.NONE.withMaxHeap(ByteSize.parse("64m")).withMaxMemory(ByteSize.parse("1g"))
                .withDeadline(Duration.ofMinutes(5)).withNoRestartExitCodes(List.of(2, 78))
                .withJvmOptions(List.of("-XX:+UseG1GC", "-Dapp.mode=batch"));

        String json = CoveyJson.write(options);

        assertThat(json).contains("\"maxHeap\":\"64m\"", "\"maxMemory\":\"1g\"", "\"deadline\":\"5m\"",
                "\"noRestartExitCodes\":[2,78]", "\"jvmOptions\":[\"-XX:+UseG1GC\",\"-Dapp.mode=batch\"]");
        assertThat(CoveyJson.mapper().readValue(json, WorkerOptions.class)).isEqualTo(options);
        assertThat(CoveyJson.mapper().readValue("{\"maxMemory\":1048576}", WorkerOptions.class).maxMemory()).isEqualTo(ByteSize.ofMegabytes(1));
    }

    @Test
    void workerOptionsRefuseLimitsThatCannotWork() {
        assertThatThrownBy(() -> WorkerOptions.NONE.withMaxHeap(ByteSize.parse("1m"))).hasMessageContaining("at least 2m");
        assertThatThrownBy(() -> WorkerOptions.NONE.withDeadline(Duration.ZERO)).hasMessageContaining("deadline must be positive");
        assertThatThrownBy(() -> WorkerOptions.NONE.withNoRestartExitCodes(List.of(256))).hasMessageContaining("0 to 255");
        assertThatThrownBy(() -> WorkerOptions.NONE.withJvmOptions(List.of(" "))).hasMessageContaining("empty option");
    }

    @Test
    void defaultsFillTheLimitsAsTheyFillEveryOption() {
        WorkerOptions defaults = WorkerOptions.NONE.withMaxMemory(ByteSize.parse("512m")).orElse(WorkerOptions.BUILT_IN);
        WorkerOptions own = WorkerOptions.NONE.withDeadline(Duration.ofSeconds(30)).orElse(defaults);
        assertThat(own.maxMemory()).isEqualTo(ByteSize.parse("512m"));
        assertThat(own.deadline()).isEqualTo(Duration.ofSeconds(30));
        assertThat(own.jvmOptions()).isEmpty();
        assertThat(own.noRestartExitCodes()).isEmpty();
        assertThat(own.maxHeap()).isNull();
    }
}
