package io.covey.engine;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import io.covey.core.api.GroupDiff;
import io.covey.core.api.WorkerStatus;
import io.covey.core.event.CoveyEvent;
import io.covey.core.event.LifecycleEvent;
import io.covey.core.lifecycle.WorkerState;
import io.covey.core.spec.WorkerSpec;
import io.covey.engine.journal.EventJournal;
import io.covey.engine.journal.JournalReader;

/**
 * The engine on the test's thread, Supervisor's way: a manual clock and scheduler for time, a
 * {@link ManualExecutor} for the engine thread, and a {@link RecordingLauncher} for every run.
 * Each call does what the API would, then handles every message it queued, so a test reads like a
 * script and runs in milliseconds.
 */
final class EngineHarness {
    static final Instant T0 = Instant.parse("2026-11-23T00:00:00Z");

    final ManualClock clock;
    final ManualScheduler scheduler;
    final ManualExecutor engineThread = new ManualExecutor();
    final RecordingLauncher launcher = new RecordingLauncher();
    final EventJournal journal;
    final Engine engine;
    private final List<DesiredState> desiredStates = new ArrayList<>();

    EngineHarness() {
        this(ManagerSettings.defaults().withWorkerDefaults(TestManagers.IN_PROCESS));
    }

    EngineHarness(ManagerSettings settings) {
        this(settings, EventLimits.defaults(), T0);
    }

    EngineHarness(ManagerSettings settings, EventLimits limits) {
        this(settings, limits, T0);
    }

    /** An engine whose clock starts at {@code start}: a host started at another time. */
    EngineHarness(ManagerSettings settings, Instant start) {
        this(settings, EventLimits.defaults(), start);
    }

    EngineHarness(ManagerSettings settings, EventLimits limits, Instant start) {
        clock = new ManualClock(start);
        scheduler = new ManualScheduler(clock);
        journal = new EventJournal(settings.retainedEvents(), limits.retainedBytes(), clock, 0);
        engine = new Engine(new EngineContext(settings, clock, journal, limits, droppedEvents), TestManagers.MANIFEST, launcher,
                null, scheduler, engineThread, () -> 0.5, desiredStates::add);
    }

    final DroppedEvents droppedEvents = new DroppedEvents();

    GroupDiff runGroup(String group, WorkerSpec... specs) {
        GroupDiff diff = engine.declarations().declare(group, List.of(specs), true, "declared");
        settle();
        return diff;
    }

    GroupDiff scale(String id, int instances) {
        GroupDiff diff = engine.declarations().scale(id, instances);
        settle();
        return diff;
    }

    void stopGroup(String group) {
        engine.declarations().stopGroup(group);
        settle();
    }

    void removeWorkers(String group, String... ids) {
        engine.declarations().remove(group, List.of(ids));
        settle();
    }

    void restart(String id) {
        engine.restart(id);
        settle();
    }

    List<String> restore(DesiredState state) {
        List<String> skipped = engine.declarations().restore(state);
        settle();
        return skipped;
    }

    /** Moves time on, runs the timers that came due, and handles what they queued. */
    void advance(Duration duration) {
        scheduler.advance(duration);
        settle();
    }

    /** Handles every queued message, as the engine thread would. */
    void settle() {
        engineThread.runAll();
    }

    RecordingLauncher.FakeRun run(String id) {
        return launcher.last(id);
    }

    WorkerStatus worker(String id) {
        return engine.requireSlot(id).snapshot();
    }

    DesiredState lastDesiredState() {
        return desiredStates.get(desiredStates.size() - 1);
    }

    List<LifecycleEvent> lifecycle(String id) {
        List<LifecycleEvent> events = new ArrayList<>();
        for (CoveyEvent event : JournalReader.retained(journal)) {
            if (event instanceof LifecycleEvent lifecycle && lifecycle.worker().equals(id)) {
                events.add(lifecycle);
            }
        }
        return events;
    }

    List<WorkerState> states(String id) {
        return lifecycle(id).stream().map(LifecycleEvent::state).toList();
    }

    /** The last lifecycle event of a worker. */
    LifecycleEvent last(String id) {
        List<LifecycleEvent> events = lifecycle(id);
        return events.get(events.size() - 1);
    }
}
