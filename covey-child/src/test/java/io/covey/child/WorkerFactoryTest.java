package io.covey.child;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;

import io.covey.core.api.UnknownWorkerTypeException;
import io.covey.core.json.CoveyJson;
import io.covey.core.protocol.ControlMessage;
import io.covey.core.worker.CoveyWorker;

/** What a warm child does with the worker classes it is told while it waits, and what it must not do. */
class WorkerFactoryTest {
    /** Counts the static initializations of {@link CountedWorker}; outside it, so that reading it does not initialize it. */
    static final AtomicInteger INITIALIZED = new AtomicInteger();

    public static final class CountedWorker extends CoveyWorker<CountedWorker.Params> {
        static {
            INITIALIZED.incrementAndGet();
        }

        public record Params(int n) {
        }

        public CountedWorker(Params params) {
            super(params);
        }

        @Override
        public void runWorker() {
            running(null);
        }
    }

    private static ControlMessage.Welcome welcome(String type, String workerClass, String params) {
        return new ControlMessage.Welcome(type, workerClass, params == null ? null : CoveyJson.mapper().readTree(params), 1000);
    }

    @Test
    void aPreloadedWorkerClassRunsNoCodeUntilItsWorkerIsBuilt() throws Throwable {
        WorkerFactory.preload(CountedWorker.class.getName());
        assertThat(INITIALIZED).hasValue(0);

        CoveyWorker<?> worker = WorkerFactory.create(welcome("CountedWorker", CountedWorker.class.getName(), "{\"n\":3}"));

        assertThat(INITIALIZED).hasValue(1);
        assertThat(worker.params()).isEqualTo(new CountedWorker.Params(3));
    }

    @Test
    void aClassThatCannotBePreloadedFailsOnlyWhenAssignedAndWithTheUsualReason() {
        WorkerFactory.preload("com.example.NoSuchWorker, ,");

        ControlMessage.Welcome missing = welcome("NoSuchWorker", "com.example.NoSuchWorker", null);
        assertThatThrownBy(() -> WorkerFactory.create(missing))
                .satisfies(t -> assertThat(WorkerFactory.describeCreationFailure(missing, t))
                        .contains("com.example.NoSuchWorker is not on the child's class path"));
    }

    @Test
    void aPreloadedClassIsStillCheckedForTheTypeNameTheHostAskedFor() {
        WorkerFactory.preload(CountedWorker.class.getName());

        assertThatThrownBy(() -> WorkerFactory.create(welcome("SomethingElse", CountedWorker.class.getName(), "{\"n\":1}")))
                .isInstanceOf(UnknownWorkerTypeException.class);
    }
}
