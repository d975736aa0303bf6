package io.covey.engine;

import static io.covey.core.lifecycle.WorkerState.BACKOFF;
import static io.covey.core.lifecycle.WorkerState.COMPLETED;
import static io.covey.core.lifecycle.WorkerState.CRASHED;
import static io.covey.core.lifecycle.WorkerState.FAILED;
import static io.covey.core.lifecycle.WorkerState.PENDING;
import static io.covey.core.lifecycle.WorkerState.RUNNING;
import static io.covey.core.lifecycle.WorkerState.STARTING;
import static io.covey.core.lifecycle.WorkerState.STOPPED;
import static io.covey.core.lifecycle.WorkerState.STOPPING;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import java.lang.reflect.Method;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.covey.core.event.LifecycleEvent;
import io.covey.core.json.CoveyJson;
import io.covey.core.lifecycle.WorkerState;
import io.covey.core.spec.Dependency;
import io.covey.core.spec.RestartPolicy;
import io.covey.core.spec.WorkerOptions;
import io.covey.core.spec.WorkerSpec;
import io.covey.core.worker.StatusCall;
import io.covey.engine.RecordingLauncher.FakeRun;
import io.covey.engine.launch.RunExit;

/**
 * One test per transition of {@link WorkerState}'s table, and per state a worker may begin in: the
 * engine on the test's thread ({@link EngineHarness}), a recording fake launcher, time on a manual
 * clock. No threads, no waiting. {@link #everyTransitionOfTheTableHasATest} keeps the list whole.
 */
class WorkerStateTransitionsTest {
    private static final WorkerOptions NEVER = TestManagers.IN_PROCESS.withRestart(RestartPolicy.NEVER);
    private static final WorkerOptions GIVE_UP_AT_ONCE = TestManagers.IN_PROCESS.withRestartLimit(1, Duration.ofMinutes(10));

    private final EngineHarness engine = new EngineHarness();

    /** One step of a worker's history: the state it left, and the event of the one it entered. */
    record Step(WorkerState from, WorkerState to, String message) {
    }

    private List<Step> steps(String id) {
        List<LifecycleEvent> events = engine.lifecycle(id);
        List<Step> steps = new ArrayList<>();
        for (int i = 1; i < events.size(); i++) {
            steps.add(new Step(events.get(i - 1).state(), events.get(i).state(), events.get(i).message()));
        }
        return steps;
    }

    private static WorkerSpec silent(String id) {
        return new WorkerSpec("SilentWorker", id, null, null);
    }

    private static WorkerSpec silent(String id, WorkerOptions options) {
        return new WorkerSpec("SilentWorker", id, null, options);
    }

    private FakeRun report(String id, StatusCall call, String message) {
        FakeRun run = engine.run(id).report(call, message);
        engine.settle();
        return run;
    }

    private void exit(String id, RunExit exit) {
        engine.run(id).exit(exit);
        engine.settle();
    }

    /** Declares {@code specs} in group g and brings the first one to RUNNING. */
    private FakeRun running(WorkerSpec... specs) {
        engine.runGroup("g", specs);
        return report(specs[0].id(), StatusCall.RUNNING, "up");
    }

    /** d (restart never) and w, which depends on it being running, both RUNNING. */
    private void runningWithADependency(WorkerOptions options) {
        running(silent("d", NEVER), silent("w", options).withDependsOn(Dependency.running("d")));
        report("w", StatusCall.RUNNING, "up");
    }

    /** d crashes for good, then w is restarted by hand: it has to wait for d. */
    private void restartedWhileItsDependencyIsDown() {
        exit("d", RunExit.failed("lost its disk"));
        engine.restart("w");
    }

    // --- first states ---

    @Test
    void beginsInPending() {
        engine.runGroup("g", silent("w"));

        LifecycleEvent first = engine.lifecycle("w").get(0);
        assertThat(first.state()).isEqualTo(PENDING);
        assertThat(first.message()).isEqualTo("declared");
        assertThat(first.attempt()).isZero();
    }

    @Test
    void beginsInStopped() {
        engine.restore(new DesiredState(3, List.of(new DesiredState.Group("g",
                List.of(new DesiredState.Worker(silent("w"), true, null))))));

        assertThat(engine.lifecycle("w")).extracting(LifecycleEvent::state, LifecycleEvent::message)
                .containsExactly(tuple(STOPPED, "stopped (restored)"));
        assertThat(engine.launcher.runs()).isEmpty();
    }

    @Test
    void beginsInCompleted() {
        engine.restore(new DesiredState(3, List.of(new DesiredState.Group("g",
                List.of(new DesiredState.Worker(silent("w"), false, CoveyJson.toTree(Map.of("answer", 42))))))));

        assertThat(engine.states("w")).containsExactly(COMPLETED);
        assertThat(engine.last("w").message()).isEqualTo("completed (restored)");
        assertThat(engine.worker("w").result()).isEqualTo(CoveyJson.toTree(Map.of("answer", 42)));
        assertThat(engine.launcher.runs()).isEmpty();
    }

    // --- PENDING ---

    @Test
    void pendingToPending() {
        engine.runGroup("g", silent("d"), silent("w").withDependsOn(Dependency.running("d")));

        assertThat(steps("w")).containsExactly(new Step(PENDING, PENDING, "waiting for 'd' to be running (it is STARTING)"));
        assertThat(engine.launcher.runs("w")).isEmpty();
    }

    @Test
    void pendingToStarting() {
        engine.runGroup("g", silent("w"));

        assertThat(steps("w")).containsExactly(new Step(PENDING, STARTING, "attempt 1"));
        assertThat(engine.run("w").request().attempt()).isEqualTo(1);
    }

    @Test
    void pendingToStopped() {
        engine.runGroup("g", silent("d"), silent("w").withDependsOn(Dependency.running("d")));

        engine.stopGroup("g");

        assertThat(steps("w")).endsWith(new Step(PENDING, STOPPED, "group stopped"));
        assertThat(engine.launcher.runs("w")).isEmpty();
    }

    // --- STARTING ---

    @Test
    void startingToStarting() {
        engine.runGroup("g", silent("w"));

        report("w", StatusCall.STARTING, "warming up");

        assertThat(steps("w")).endsWith(new Step(STARTING, STARTING, "warming up"));
    }

    @Test
    void startingToRunning() {
        engine.runGroup("g", silent("w"));

        FakeRun run = report("w", StatusCall.RUNNING, "up");
        engine.advance(Duration.ofMinutes(1));

        assertThat(steps("w")).endsWith(new Step(STARTING, RUNNING, "up"));
        assertThat(run.kills()).as("the start timeout is off once it runs").isEmpty();
    }

    @Test
    void startingToCompleted() {
        engine.runGroup("g", silent("w"));

        engine.run("w").completed(Map.of("answer", 42)).exitNormally();
        engine.settle();

        assertThat(steps("w")).endsWith(new Step(STARTING, COMPLETED, "completed"));
        assertThat(engine.worker("w").result()).isEqualTo(CoveyJson.toTree(Map.of("answer", 42)));
    }

    @Test
    void startingToCrashed() {
        engine.runGroup("g", silent("w", NEVER.withStartTimeout(Duration.ofSeconds(5))));
        engine.advance(Duration.ofSeconds(4));
        assertThat(engine.run("w").kills()).isEmpty();

        engine.advance(Duration.ofSeconds(1));
        assertThat(engine.run("w").kills()).containsExactly("did not report running within 5s (start timeout)");
        exit("w", new RunExit("did not report running within 5s (start timeout)", null, null, true));

        assertThat(steps("w")).endsWith(new Step(STARTING, CRASHED, "did not report running within 5s (start timeout)"));
        assertThat(engine.worker("w").forced()).isTrue();
    }

    @Test
    void startingToStopping() {
        engine.runGroup("g", silent("w"));

        engine.stopGroup("g");

        assertThat(steps("w")).endsWith(new Step(STARTING, STOPPING, "group stopped"));
        assertThat(engine.run("w").stops()).containsExactly(Duration.ofSeconds(2));
    }

    @Test
    void startingToStopped() {
        engine.runGroup("g", silent("w"));

        report("w", StatusCall.STOPPED, "nothing to do");
        exit("w", RunExit.normal());

        assertThat(steps("w")).endsWith(new Step(STARTING, STOPPED, "nothing to do"));
        assertThat(engine.launcher.runs("w")).as("a stop of its own is no crash: not restarted").hasSize(1);
    }

    // --- RUNNING ---

    @Test
    void runningToRunning() {
        running(silent("w"));

        report("w", StatusCall.RUNNING, "serving 5 clients");

        assertThat(steps("w")).endsWith(new Step(RUNNING, RUNNING, "serving 5 clients"));
    }

    @Test
    void runningToStopping() {
        FakeRun run = running(silent("w"));

        engine.stopGroup("g");

        assertThat(steps("w")).endsWith(new Step(RUNNING, STOPPING, "group stopped"));
        assertThat(run.stops()).containsExactly(Duration.ofSeconds(2));
    }

    @Test
    void runningToCompleted() {
        FakeRun run = running(silent("w"));

        run.completed(Map.of("rows", 7)).exitNormally();
        engine.settle();

        assertThat(steps("w")).endsWith(new Step(RUNNING, COMPLETED, "completed"));
        assertThat(engine.lastDesiredState().groups().get(0).workers().get(0).completedResult())
                .isEqualTo(CoveyJson.toTree(Map.of("rows", 7)));
    }

    @Test
    void runningToCrashed() {
        running(silent("w", NEVER));

        exit("w", RunExit.failed("runWorker() threw java.io.IOException: port in use"));

        assertThat(steps("w")).endsWith(new Step(RUNNING, CRASHED, "runWorker() threw java.io.IOException: port in use"));
        assertThat(engine.launcher.runs("w")).as("restart policy never").hasSize(1);
    }

    @Test
    void runningToStopped() {
        running(silent("w"));

        report("w", StatusCall.STOPPED, "told to by its peer");
        exit("w", RunExit.normal());

        assertThat(steps("w")).endsWith(new Step(RUNNING, STOPPED, "told to by its peer"));
        assertThat(engine.worker("w").forced()).isFalse();
    }

    // --- STOPPING ---

    @Test
    void stoppingToStopping() {
        running(silent("w"));
        engine.stopGroup("g");

        report("w", StatusCall.STOPPING, "closing 5 connections");

        assertThat(steps("w")).endsWith(new Step(STOPPING, STOPPING, "closing 5 connections"));
    }

    @Test
    void stoppingToStopped() {
        running(silent("w"));
        engine.stopGroup("g");

        exit("w", RunExit.normal());

        assertThat(steps("w")).endsWith(new Step(STOPPING, STOPPED, "stopped"));
        assertThat(engine.worker("w").endedAt()).isEqualTo(EngineHarness.T0);
    }

    @Test
    void stoppingToCompleted() {
        FakeRun run = running(silent("w"));
        engine.stopGroup("g");

        run.completed(Map.of("rows", 7)).exitNormally();
        engine.settle();

        assertThat(steps("w")).endsWith(new Step(STOPPING, COMPLETED, "completed"));
    }

    @Test
    void stoppingToCrashed() {
        running(silent("w"));
        engine.stopGroup("g");

        exit("w", RunExit.failed("stopWorker() threw java.lang.IllegalStateException"));

        assertThat(steps("w")).endsWith(new Step(STOPPING, CRASHED, "stopWorker() threw java.lang.IllegalStateException"));
        assertThat(engine.launcher.runs("w")).as("its group is stopped: no restart").hasSize(1);
    }

    // --- STOPPED ---

    @Test
    void stoppedToStarting() {
        running(silent("w"));
        engine.stopGroup("g");
        exit("w", RunExit.normal());

        engine.runGroup("g", silent("w"));

        assertThat(steps("w")).endsWith(new Step(STOPPED, STARTING, "attempt 2"));
    }

    @Test
    void stoppedToPending() {
        running(silent("d"), silent("w").withDependsOn(Dependency.running("d")));
        report("w", StatusCall.RUNNING, "up");
        engine.stopGroup("g");
        exit("d", RunExit.normal());
        exit("w", RunExit.normal());

        engine.runGroup("g", silent("d"), silent("w").withDependsOn(Dependency.running("d")));

        assertThat(steps("w")).endsWith(new Step(STOPPED, PENDING, "waiting for 'd' to be running (it is STARTING)"));
    }

    // --- COMPLETED ---

    @Test
    void completedToStarting() {
        running(silent("w")).completed(Map.of("rows", 7)).exitNormally();
        engine.settle();

        engine.restart("w");

        assertThat(steps("w")).endsWith(new Step(COMPLETED, STARTING, "attempt 2"));
    }

    @Test
    void completedToBackoff() {
        running(silent("w", TestManagers.IN_PROCESS.withRestart(RestartPolicy.ALWAYS))).completed(Map.of("rows", 7)).exitNormally();
        engine.settle();

        assertThat(steps("w")).endsWith(new Step(COMPLETED, BACKOFF, "restarting now"), new Step(BACKOFF, STARTING, "attempt 2"));
    }

    @Test
    void completedToPending() {
        runningWithADependency(null);
        engine.run("w").completed(Map.of("rows", 7)).exitNormally();

        restartedWhileItsDependencyIsDown();

        assertThat(steps("w")).endsWith(new Step(COMPLETED, PENDING, "waiting for 'd' to be running (it is CRASHED)"));
    }

    // --- CRASHED ---

    @Test
    void crashedToBackoff() {
        running(silent("w"));

        exit("w", RunExit.failed("boom"));
        assertThat(steps("w")).endsWith(new Step(RUNNING, CRASHED, "boom"), new Step(CRASHED, BACKOFF, "restarting now"),
                new Step(BACKOFF, STARTING, "attempt 2"));

        exit("w", RunExit.failed("boom again"));
        assertThat(steps("w")).endsWith(new Step(STARTING, CRASHED, "boom again"), new Step(CRASHED, BACKOFF, "restarting in 1s"));
        assertThat(engine.scheduler.pendingDelays()).contains(Duration.ofSeconds(1));
    }

    @Test
    void backoffToFailed() {
        running(silent("w", TestManagers.IN_PROCESS.withDeadline(Duration.ofMillis(500))));
        exit("w", RunExit.failed("boom"));
        exit("w", RunExit.failed("boom again"));

        engine.advance(Duration.ofMillis(500));

        assertThat(steps("w")).endsWith(new Step(CRASHED, BACKOFF, "restarting in 1s"),
                new Step(BACKOFF, FAILED, "deadline: the run took longer than 500ms (over 2 attempts); not restarted"));
        engine.advance(Duration.ofSeconds(5));
        assertThat(engine.launcher.runs("w")).hasSize(2);
    }

    @Test
    void crashedToFailed() {
        running(silent("w", GIVE_UP_AT_ONCE));

        exit("w", RunExit.failed("boom"));

        assertThat(steps("w")).endsWith(new Step(RUNNING, CRASHED, "boom"),
                new Step(CRASHED, FAILED, "crashed 1 times within 10m; giving up (last crash: boom)"));
        assertThat(engine.launcher.runs("w")).hasSize(1);
    }

    @Test
    void crashedToStarting() {
        running(silent("w", NEVER));
        exit("w", RunExit.failed("boom"));

        engine.restart("w");

        assertThat(steps("w")).endsWith(new Step(CRASHED, STARTING, "attempt 2"));
    }

    /** The table allows it; the engine never makes it: a crash stays on record, even when its group is stopped after it. */
    @Test
    void crashedToStoppedIsNotMadeByTheEngine() {
        running(silent("w", NEVER));
        exit("w", RunExit.failed("boom"));

        engine.stopGroup("g");
        engine.removeWorkers("g", "w");

        assertThat(steps("w")).doesNotContain(new Step(CRASHED, STOPPED, "group stopped"), new Step(CRASHED, STOPPED, "removed"));
        assertThat(engine.last("w").state()).isEqualTo(CRASHED);
    }

    @Test
    void crashedToPending() {
        runningWithADependency(NEVER);
        exit("w", RunExit.failed("boom"));

        restartedWhileItsDependencyIsDown();

        assertThat(steps("w")).endsWith(new Step(CRASHED, PENDING, "waiting for 'd' to be running (it is CRASHED)"));
    }

    // --- BACKOFF ---

    /** Two crashes in a row: the second restart waits 1 s (the first is at once). */
    private void backingOff(String id) {
        exit(id, RunExit.failed("boom"));
        exit(id, RunExit.failed("boom again"));
        assertThat(engine.last(id).state()).isEqualTo(BACKOFF);
    }

    @Test
    void backoffToStarting() {
        running(silent("w"));
        backingOff("w");

        engine.advance(Duration.ofMillis(999));
        assertThat(engine.last("w").state()).isEqualTo(BACKOFF);
        engine.advance(Duration.ofMillis(1));

        assertThat(steps("w")).endsWith(new Step(BACKOFF, STARTING, "attempt 3"));
    }

    @Test
    void backoffToStopped() {
        running(silent("w"));
        backingOff("w");

        engine.stopGroup("g");
        engine.advance(Duration.ofMinutes(1));

        assertThat(steps("w")).endsWith(new Step(BACKOFF, STOPPED, "group stopped"));
        assertThat(engine.launcher.runs("w")).as("the restart was called off").hasSize(2);
    }

    @Test
    void backoffToPending() {
        runningWithADependency(null);
        backingOff("w");

        restartedWhileItsDependencyIsDown();

        assertThat(steps("w")).endsWith(new Step(BACKOFF, PENDING, "waiting for 'd' to be running (it is CRASHED)"));
        engine.advance(Duration.ofMinutes(1));
        assertThat(engine.last("w").state()).as("the backoff's timer was called off").isEqualTo(PENDING);
    }

    // --- FAILED ---

    @Test
    void failedToStarting() {
        running(silent("w", GIVE_UP_AT_ONCE));
        exit("w", RunExit.failed("boom"));

        engine.restart("w");

        assertThat(steps("w")).endsWith(new Step(FAILED, STARTING, "attempt 2"));
    }

    @Test
    void failedToStopped() {
        running(silent("w", GIVE_UP_AT_ONCE));
        exit("w", RunExit.failed("boom"));

        engine.stopGroup("g");

        assertThat(steps("w")).endsWith(new Step(FAILED, STOPPED, "group stopped"));
    }

    @Test
    void failedToPending() {
        runningWithADependency(GIVE_UP_AT_ONCE);
        exit("w", RunExit.failed("boom"));

        restartedWhileItsDependencyIsDown();

        assertThat(steps("w")).endsWith(new Step(FAILED, PENDING, "waiting for 'd' to be running (it is CRASHED)"));
    }

    // --- the list is whole ---

    @Test
    void everyTransitionOfTheTableHasATest() {
        List<String> tests = Arrays.stream(getClass().getDeclaredMethods()).filter(m -> m.isAnnotationPresent(Test.class))
                .map(Method::getName).toList();
        List<String> missing = new ArrayList<>();
        for (WorkerState first : WorkerState.FIRST_STATES) {
            expect(tests, "beginsIn" + capitalized(first), missing);
        }
        for (WorkerState from : WorkerState.values()) {
            for (WorkerState to : from.allowedNext()) {
                expect(tests, from.name().toLowerCase() + "To" + capitalized(to), missing);
            }
        }
        assertThat(missing).as("transitions without a test").isEmpty();
    }

    private static void expect(List<String> tests, String prefix, List<String> missing) {
        if (tests.stream().noneMatch(name -> name.startsWith(prefix))) {
            missing.add(prefix);
        }
    }

    private static String capitalized(WorkerState state) {
        String name = state.name().toLowerCase();
        return Character.toUpperCase(name.charAt(0)) + name.substring(1);
    }
}
