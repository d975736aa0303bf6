package io.covey.core.manifest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

import io.covey.core.api.InvalidSpecException;
import io.covey.core.api.UnknownWorkerTypeException;
import io.covey.core.json.CoveyJson;
import io.covey.core.worker.CoveyWorker;
import io.covey.core.worker.CoveyWorkerType;

class CoveyManifestTest {

    record Countdown(int from) {
    }

    public static final class CountdownJob extends CoveyWorker<Countdown> {
        public CountdownJob(Countdown params) {
            super(params);
            if (params.from() < 0) {
                throw new IllegalArgumentException("from must not be negative");
            }
        }

        @Override
        public void runWorker() {
        }
    }

    @CoveyWorkerType("countdown")
    public static final class OtherCountdown extends CoveyWorker<Countdown> {
        public OtherCountdown(Countdown params) {
            super(params);
        }

        @Override
        public void runWorker() {
        }
    }

    @CoveyWorkerType("CountdownJob")
    public static final class Impostor extends CoveyWorker<Countdown> {
        public Impostor(Countdown params) {
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

    @Test
    void namesTypesExplicitlyOrBySimpleClassName() {
        CoveyManifest manifest = CoveyManifest.of(CountdownJob.class, OtherCountdown.class, NoParams.class);
        assertThat(manifest.typeNames()).containsExactly("CountdownJob", "NoParams", "countdown");
        assertThat(manifest.require("countdown").workerClass()).isEqualTo(OtherCountdown.class);
    }

    @Test
    void refusesTheSameNameForTwoClasses() {
        assertThatThrownBy(() -> CoveyManifest.of(CountdownJob.class, Impostor.class))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'CountdownJob' is declared twice")
                .hasMessageContaining(Impostor.class.getName());
    }

    @Test
    void anUnknownTypeNamesTheDeclaredOnes() {
        CoveyManifest manifest = CoveyManifest.of(CountdownJob.class, NoParams.class);
        assertThatThrownBy(() -> manifest.require("java.lang.Runtime"))
                .isInstanceOf(UnknownWorkerTypeException.class)
                .hasMessage("worker type 'java.lang.Runtime' is not declared; declared types: CountdownJob, NoParams");
    }

    @Test
    void buildsWorkersFromJsonParamsAndRefusesParamsOfTheWrongShape() throws Throwable {
        WorkerType type = CoveyManifest.of(CountdownJob.class).require("CountdownJob");
        CoveyWorker<?> worker = type.instantiate(CoveyJson.mapper().readTree("{\"from\":3}"));
        assertThat(worker.params()).isEqualTo(new Countdown(3));

        assertThatThrownBy(() -> type.parseParams(CoveyJson.mapper().readTree("{\"from\":\"three\"}")))
                .isInstanceOf(InvalidSpecException.class).hasMessageContaining("params do not fit worker type 'CountdownJob'");
        assertThatThrownBy(() -> type.parseParams(CoveyJson.mapper().readTree("{\"from\":3,\"form\":3}")))
                .isInstanceOf(InvalidSpecException.class).hasMessageContaining("form");
        assertThatThrownBy(() -> type.parseParams(CoveyJson.mapper().readTree("{}")))
                .hasMessage("params do not fit worker type 'CountdownJob': 'from' is required (a whole number)");
        assertThatThrownBy(() -> type.instantiate(CoveyJson.mapper().readTree("{\"from\":-1}")))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("from must not be negative");

        WorkerType noParams = CoveyManifest.of(NoParams.class).require("NoParams");
        assertThat(noParams.instantiate(CoveyJson.mapper().readTree("{}"))).isInstanceOf(NoParams.class);
        assertThatThrownBy(() -> noParams.parseParams(CoveyJson.mapper().readTree("{\"x\":1}"))).hasMessageContaining("takes no params");
    }
}
