package io.covey.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;

import io.covey.core.lifecycle.WorkerState;
import io.covey.core.spec.WorkerSchedule;
import io.covey.core.spec.WorkerSpec;
import io.covey.core.worker.StatusCall;

/**
 * Instances and schedules were built side by side (issue 21) and meet in the slot: each instance of a
 * scheduled spec keeps the schedule of its own, and scaling one leaves the others' due times alone.
 */
class ScheduledInstancesTest {
    private final EngineHarness engine = new EngineHarness(ManagerSettings.defaults().withWorkerDefaults(TestManagers.IN_PROCESS));

    private static WorkerSpec job(int instances) {
        return new WorkerSpec("SilentWorker", "tick", null, null).withInstances(instances)
                .withSchedule(WorkerSchedule.every(Duration.ofMinutes(10)));
    }

    @Test
    void eachInstanceOfAScheduledSpecRunsAtTheDueTimesAndNoInstanceIsKeptAlive() {
        engine.runGroup("g", job(2));
        for (String id : List.of("tick-0", "tick-1")) {
            assertThat(engine.worker(id).state()).isEqualTo(WorkerState.PENDING);
            assertThat(engine.worker(id).nextRunAt()).isEqualTo(EngineHarness.T0.plus(Duration.ofMinutes(10)));
            assertThat(engine.launcher.runs(id)).isEmpty();
        }

        engine.advance(Duration.ofMinutes(10));
        for (String id : List.of("tick-0", "tick-1")) {
            assertThat(engine.launcher.runs(id)).hasSize(1);
            assertThat(engine.run(id).request().instance()).isEqualTo(id.equals("tick-0") ? 0 : 1);
        }
        engine.run("tick-0").report(StatusCall.RUNNING, "working").completed(null).exitNormally();
        engine.run("tick-1").report(StatusCall.RUNNING, "working").report(StatusCall.CRASHED, "bad day");
        engine.run("tick-1").exitNormally();
        engine.settle();
        assertThat(engine.worker("tick-0").state()).isEqualTo(WorkerState.COMPLETED);
        assertThat(engine.worker("tick-1").state()).isEqualTo(WorkerState.CRASHED);

        // A crashed run of a scheduled instance waits for its next due time, as a lone scheduled worker does.
        engine.advance(Duration.ofMinutes(9));
        assertThat(engine.launcher.runs("tick-1")).hasSize(1);

        // A new instance is a new worker: its `every` counts from when it was declared (00:19), like any new
        // scheduled worker's; the instances that stay keep their due times.
        engine.scale("tick", 3);
        assertThat(engine.worker("tick-2").nextRunAt()).isEqualTo(EngineHarness.T0.plus(Duration.ofMinutes(29)));
        assertThat(engine.worker("tick-0").nextRunAt()).isEqualTo(EngineHarness.T0.plus(Duration.ofMinutes(20)));

        engine.advance(Duration.ofMinutes(1));
        for (String id : List.of("tick-0", "tick-1")) {
            assertThat(engine.launcher.runs(id)).hasSize(2);
        }
        assertThat(engine.launcher.runs("tick-2")).isEmpty();
        engine.advance(Duration.ofMinutes(9));
        assertThat(engine.launcher.runs("tick-2")).hasSize(1);
    }
}
