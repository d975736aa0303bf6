package io.covey.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.covey.core.api.InvalidSpecException;
import io.covey.core.event.CoveyEvent;
import io.covey.core.event.ResultEvent;
import io.covey.core.event.ScheduleEvent;
import io.covey.core.json.CoveyJson;
import io.covey.core.lifecycle.WorkerState;
import io.covey.core.spec.WorkerSchedule;
import io.covey.core.spec.WorkerSpec;
import io.covey.core.worker.StatusCall;
import io.covey.engine.journal.JournalReader;

/** Scheduled workers on the manual clock: due times (cron in a zone, DST included, and every), overlap, missed runs. */
class ScheduleTest {
    private static final ManagerSettings SETTINGS = ManagerSettings.defaults().withWorkerDefaults(TestManagers.IN_PROCESS);

    private final EngineHarness engine = new EngineHarness(SETTINGS);

    private static WorkerSpec job(String id, WorkerSchedule schedule) {
        return new WorkerSpec("SilentWorker", id, null, null).withSchedule(schedule);
    }

    private static List<ScheduleEvent> scheduleEvents(EngineHarness harness, String id) {
        return JournalReader.retained(harness.journal).stream().filter(e -> e instanceof ScheduleEvent s && s.worker().equals(id))
                .map(ScheduleEvent.class::cast).toList();
    }

    /** Runs one attempt to its completion with {@code result}. */
    private static void complete(EngineHarness harness, String id, Object result) {
        harness.run(id).report(StatusCall.RUNNING, "working").completed(result).exitNormally();
        harness.settle();
    }

    /** Moves the clock to {@code when} in steps of at most a minute, as time passes, running what comes due. */
    private static void advanceTo(EngineHarness harness, Instant when) {
        while (harness.clock.instant().isBefore(when)) {
            Duration left = Duration.between(harness.clock.instant(), when);
            harness.advance(left.compareTo(Duration.ofMinutes(1)) > 0 ? Duration.ofMinutes(1) : left);
        }
    }

    @Test
    void anEveryScheduleRunsAtEachDueTime_eachRunAnAttemptWithItsOwnEventsAndResult_andIsNotKeptAlive() {
        engine.runGroup("g", job("tick", WorkerSchedule.every(Duration.ofMinutes(15))));
        assertThat(engine.launcher.runs("tick")).isEmpty();
        assertThat(engine.worker("tick").state()).isEqualTo(WorkerState.PENDING);
        assertThat(engine.worker("tick").nextRunAt()).isEqualTo(EngineHarness.T0.plus(Duration.ofMinutes(15)));
        assertThat(engine.worker("tick").message()).isEqualTo("next run at 2026-11-23T00:15Z");

        engine.advance(Duration.ofMinutes(15));
        assertThat(engine.launcher.runs("tick")).hasSize(1);
        assertThat(engine.worker("tick").state()).isEqualTo(WorkerState.STARTING);
        assertThat(engine.worker("tick").nextRunAt()).isEqualTo(EngineHarness.T0.plus(Duration.ofMinutes(30)));
        complete(engine, "tick", Map.of("run", 1));
        assertThat(engine.worker("tick").state()).isEqualTo(WorkerState.COMPLETED);
        engine.advance(Duration.ofMinutes(10));
        assertThat(engine.launcher.runs("tick")).hasSize(1); // completed: not restarted, whatever the restart policy

        engine.advance(Duration.ofMinutes(5));
        assertThat(engine.launcher.runs("tick")).hasSize(2);
        assertThat(engine.run("tick").request().attempt()).isEqualTo(2);
        engine.run("tick").report(StatusCall.RUNNING, "working").report(StatusCall.CRASHED, "bad input");
        engine.run("tick").exitNormally();
        engine.settle();
        assertThat(engine.worker("tick").state()).isEqualTo(WorkerState.CRASHED);
        engine.advance(Duration.ofMinutes(14));
        assertThat(engine.launcher.runs("tick")).hasSize(2); // a crashed run waits for its next due time too
        engine.advance(Duration.ofMinutes(1));
        assertThat(engine.launcher.runs("tick")).hasSize(3);
        complete(engine, "tick", Map.of("run", 3));

        assertThat(engine.lifecycle("tick")).extracting(e -> e.attempt() + " " + e.state()).containsExactly(
                "0 PENDING", "0 PENDING", "1 STARTING", "1 RUNNING", "1 COMPLETED", "2 STARTING", "2 RUNNING", "2 CRASHED",
                "3 STARTING", "3 RUNNING", "3 COMPLETED");
        assertThat(JournalReader.retained(engine.journal).stream().filter(e -> e instanceof ResultEvent).map(e -> (ResultEvent) e))
                .extracting(ResultEvent::attempt, r -> r.result().get("run").asInt()).containsExactly(
                        org.assertj.core.groups.Tuple.tuple(1, 1), org.assertj.core.groups.Tuple.tuple(3, 3));
        assertThat(scheduleEvents(engine, "tick")).extracting(ScheduleEvent::outcome, ScheduleEvent::dueAt).containsExactly(
                org.assertj.core.groups.Tuple.tuple("started", EngineHarness.T0.plus(Duration.ofMinutes(15))),
                org.assertj.core.groups.Tuple.tuple("started", EngineHarness.T0.plus(Duration.ofMinutes(30))),
                org.assertj.core.groups.Tuple.tuple("started", EngineHarness.T0.plus(Duration.ofMinutes(45))));
    }

    @Test
    void aCronScheduleRunsAtItsTimesInItsOwnZone() {
        // 03:00 in Berlin is 02:00 UTC in winter (CET, UTC+1).
        engine.runGroup("g", job("nightly", WorkerSchedule.ofCron("0 3 * * *").inZone("Europe/Berlin")));
        assertThat(engine.worker("nightly").nextRunAt()).isEqualTo(Instant.parse("2026-11-23T02:00:00Z"));
        assertThat(engine.worker("nightly").message()).isEqualTo("next run at 2026-11-23T03:00+01:00 Europe/Berlin");

        advanceTo(engine, Instant.parse("2026-11-23T01:59:00Z"));
        assertThat(engine.launcher.runs("nightly")).isEmpty();
        advanceTo(engine, Instant.parse("2026-11-23T02:00:00Z"));
        assertThat(engine.launcher.runs("nightly")).hasSize(1);
        complete(engine, "nightly", null);
        assertThat(engine.worker("nightly").nextRunAt()).isEqualTo(Instant.parse("2026-11-24T02:00:00Z"));

        // The same expression in UTC runs an hour later.
        EngineHarness utc = new EngineHarness(SETTINGS);
        utc.runGroup("g", job("nightly", WorkerSchedule.ofCron("0 3 * * *")));
        assertThat(utc.worker("nightly").nextRunAt()).isEqualTo(Instant.parse("2026-11-23T03:00:00Z"));
    }

    @Test
    void daylightSavingChangesMoveTheUtcTimesAndNeitherRepeatNorLoseADailyRunAtAnUnaffectedHour() {
        // Europe/Berlin goes to summer time on 2027-03-28 (02:00 -> 03:00) and back on 2027-10-31 (03:00 -> 02:00).
        EngineHarness spring = new EngineHarness(SETTINGS, Instant.parse("2027-03-26T12:00:00Z"));
        spring.runGroup("g", job("daily", WorkerSchedule.ofCron("0 4 * * *").inZone("Europe/Berlin")));
        List<Instant> springRuns = runDaily(spring, "daily", Instant.parse("2027-03-30T12:00:00Z"));
        assertThat(springRuns).containsExactly(Instant.parse("2027-03-27T03:00:00Z"), // CET: UTC+1
                Instant.parse("2027-03-28T02:00:00Z"), Instant.parse("2027-03-29T02:00:00Z"), // CEST: UTC+2
                Instant.parse("2027-03-30T02:00:00Z"));

        EngineHarness autumn = new EngineHarness(SETTINGS, Instant.parse("2027-10-29T12:00:00Z"));
        autumn.runGroup("g", job("daily", WorkerSchedule.ofCron("0 4 * * *").inZone("Europe/Berlin")));
        assertThat(runDaily(autumn, "daily", Instant.parse("2027-11-01T12:00:00Z"))).containsExactly(
                Instant.parse("2027-10-30T02:00:00Z"), Instant.parse("2027-10-31T03:00:00Z"), Instant.parse("2027-11-01T03:00:00Z"));
    }

    @Test
    void aTimeInsideTheDaylightSavingGapOrOverlapRunsOnceOnThoseDays() {
        // 02:30 does not exist in Berlin on 2027-03-28 and exists twice on 2027-10-31.
        EngineHarness spring = new EngineHarness(SETTINGS, Instant.parse("2027-03-27T12:00:00Z"));
        spring.runGroup("g", job("gap", WorkerSchedule.ofCron("30 2 * * *").inZone("Europe/Berlin")));
        List<Instant> springRuns = runDaily(spring, "gap", Instant.parse("2027-03-29T12:00:00Z"));

        EngineHarness autumn = new EngineHarness(SETTINGS, Instant.parse("2027-10-30T12:00:00Z"));
        autumn.runGroup("g", job("twice", WorkerSchedule.ofCron("30 2 * * *").inZone("Europe/Berlin")));
        List<Instant> autumnRuns = runDaily(autumn, "twice", Instant.parse("2027-11-01T12:00:00Z"));

        assertThat(autumnRuns).as("the repeated hour runs once").containsExactly(Instant.parse("2027-10-31T00:30:00Z"),
                Instant.parse("2027-11-01T01:30:00Z"));
        // A time that does not exist that day is not run that day (cron-utils' reading; Vixie cron would run it at 03:00).
        assertThat(springRuns).as("the missing hour").containsExactly(Instant.parse("2027-03-29T00:30:00Z"));
    }

    /** Advances to {@code until}, completing every run at once; returns the times the runs started. */
    private static List<Instant> runDaily(EngineHarness harness, String id, Instant until) {
        List<Instant> started = new java.util.ArrayList<>();
        while (harness.clock.instant().isBefore(until)) {
            int before = harness.launcher.runs(id).size();
            harness.advance(Duration.ofMinutes(10));
            if (harness.launcher.runs(id).size() > before) {
                started.add(harness.worker(id).startedAt());
                complete(harness, id, null);
            }
        }
        return started;
    }

    @Test
    void overlapForbidSkipsADueTimeWhileThePreviousRunGoesOn_withASkippedEvent() {
        engine.runGroup("g", job("slow", WorkerSchedule.every(Duration.ofMinutes(10))));
        engine.advance(Duration.ofMinutes(10));
        engine.run("slow").report(StatusCall.RUNNING, "long job");
        engine.settle();

        engine.advance(Duration.ofMinutes(10));
        assertThat(engine.launcher.runs("slow")).hasSize(1);
        ScheduleEvent skipped = scheduleEvents(engine, "slow").get(1);
        assertThat(skipped.outcome()).isEqualTo("skipped");
        assertThat(skipped.attempt()).isEqualTo(1);
        assertThat(skipped.dueAt()).isEqualTo(EngineHarness.T0.plus(Duration.ofMinutes(20)));
        assertThat(skipped.nextRunAt()).isEqualTo(EngineHarness.T0.plus(Duration.ofMinutes(30)));
        assertThat(skipped.message()).isEqualTo("the run due at 2026-11-23T00:20Z is skipped: run 1 is still going on (overlap: forbid)");
        assertThat(engine.run("slow").stops()).isEmpty();

        complete(engine, "slow", null);
        engine.advance(Duration.ofMinutes(10));
        assertThat(engine.launcher.runs("slow")).hasSize(2);
    }

    @Test
    void overlapReplaceStopsThePreviousRunAndStartsTheNewOneOnceItIsGone() {
        engine.runGroup("g", job("fresh", WorkerSchedule.every(Duration.ofMinutes(10)).withOverlap(WorkerSchedule.Overlap.REPLACE)));
        engine.advance(Duration.ofMinutes(10));
        engine.run("fresh").report(StatusCall.RUNNING, "long job");
        engine.settle();

        engine.advance(Duration.ofMinutes(10));
        assertThat(engine.run("fresh").request().attempt()).isEqualTo(1);
        assertThat(engine.run("fresh").stops()).hasSize(1);
        assertThat(engine.worker("fresh").state()).isEqualTo(WorkerState.STOPPING);
        engine.run("fresh").exitNormally();
        engine.settle();
        assertThat(engine.launcher.runs("fresh")).hasSize(2);
        assertThat(engine.states("fresh")).containsSubsequence(WorkerState.RUNNING, WorkerState.STOPPING, WorkerState.STOPPED,
                WorkerState.STARTING);
        assertThat(scheduleEvents(engine, "fresh")).extracting(ScheduleEvent::outcome).containsExactly("started", "replaced", "started");
    }

    @Test
    void overlapAllowStartsTheNewRunBesideThePreviousOne() {
        engine.runGroup("g", job("many", WorkerSchedule.every(Duration.ofMinutes(10)).withOverlap(WorkerSchedule.Overlap.ALLOW)));
        engine.advance(Duration.ofMinutes(10));
        RecordingLauncher.FakeRun first = engine.run("many");
        first.report(StatusCall.RUNNING, "long job");
        engine.settle();

        engine.advance(Duration.ofMinutes(10));
        assertThat(engine.launcher.runs("many")).hasSize(2);
        RecordingLauncher.FakeRun second = engine.run("many");
        assertThat(first.stops()).isEmpty();
        assertThat(engine.worker("many").attempt()).isEqualTo(2);
        assertThat(engine.worker("many").state()).isEqualTo(WorkerState.RUNNING);

        first.completed(Map.of("run", 1)).exitNormally();
        engine.settle();
        assertThat(engine.worker("many").state()).isEqualTo(WorkerState.RUNNING); // the state follows the newest run
        second.report(StatusCall.RUNNING, "working").completed(Map.of("run", 2)).exitNormally();
        engine.settle();
        assertThat(engine.worker("many").state()).isEqualTo(WorkerState.COMPLETED);
        assertThat(JournalReader.retained(engine.journal).stream().filter(e -> e instanceof ResultEvent).map(e -> (ResultEvent) e))
                .extracting(ResultEvent::attempt).containsExactly(1, 2);
        assertThat(engine.engine.liveCount()).isZero();
    }

    @Test
    void aMissedRunAfterARestartRunsOnceAtStartWhenTheSpecSaysRunOnce_andIsSkippedOtherwise() {
        WorkerSchedule hourly = WorkerSchedule.every(Duration.ofHours(1));
        engine.runGroup("g", job("catch-up", hourly.withMissed(WorkerSchedule.Missed.RUN_ONCE)), job("let-go", hourly));
        engine.advance(Duration.ofHours(1));
        complete(engine, "catch-up", null);
        complete(engine, "let-go", null);
        // The host goes down; the saved state goes through its JSON file.
        DesiredState saved = CoveyJson.mapper().readValue(CoveyJson.write(engine.lastDesiredState()), DesiredState.class);
        assertThat(saved.groups().get(0).workers()).extracting(DesiredState.Worker::lastDueAt)
                .containsOnly(EngineHarness.T0.plus(Duration.ofHours(1)));

        // It comes back 4.5 hours later: the runs due at 2h, 3h, 4h and 5h were missed.
        EngineHarness restarted = new EngineHarness(SETTINGS, EngineHarness.T0.plus(Duration.ofMinutes(330)));
        restarted.restore(saved);

        assertThat(restarted.launcher.runs("catch-up")).hasSize(1);
        assertThat(scheduleEvents(restarted, "catch-up")).extracting(ScheduleEvent::outcome).containsExactly("missed-run", "started");
        assertThat(scheduleEvents(restarted, "catch-up").get(0).message()).contains("first at 2026-11-23T02:00Z").contains("running once now");
        assertThat(restarted.launcher.runs("let-go")).isEmpty();
        assertThat(scheduleEvents(restarted, "let-go")).extracting(ScheduleEvent::outcome).containsExactly("missed-skipped");
        // Either way the schedule goes on at its own times.
        assertThat(restarted.worker("let-go").nextRunAt()).isEqualTo(EngineHarness.T0.plus(Duration.ofHours(6)));
        assertThat(restarted.worker("catch-up").nextRunAt()).isEqualTo(EngineHarness.T0.plus(Duration.ofHours(6)));
        complete(restarted, "catch-up", null);
        restarted.advance(Duration.ofMinutes(30));
        assertThat(restarted.launcher.runs("catch-up")).hasSize(2);
        assertThat(restarted.launcher.runs("let-go")).hasSize(1);

        // Restored without a miss (back within the hour): nothing extra runs.
        EngineHarness soon = new EngineHarness(SETTINGS, EngineHarness.T0.plus(Duration.ofMinutes(90)));
        soon.restore(saved);
        assertThat(soon.launcher.runs()).isEmpty();
        assertThat(scheduleEvents(soon, "catch-up")).isEmpty();
    }

    @Test
    void aRestartRunsAScheduledWorkerAtOnce_aStopDisarmsIt_andAChangedScheduleReplacesTheOldOne() {
        engine.runGroup("g", job("job", WorkerSchedule.every(Duration.ofHours(1))));
        engine.restart("job");
        assertThat(engine.launcher.runs("job")).hasSize(1);
        complete(engine, "job", null);

        engine.stopGroup("g");
        assertThat(engine.worker("job").nextRunAt()).isNull();
        engine.advance(Duration.ofHours(2));
        assertThat(engine.launcher.runs("job")).hasSize(1);

        engine.runGroup("g", job("job", WorkerSchedule.every(Duration.ofMinutes(5))));
        assertThat(engine.launcher.runs("job")).hasSize(1); // a new declaration does not run at once
        assertThat(engine.worker("job").nextRunAt()).isEqualTo(engine.clock.instant().plus(Duration.ofMinutes(5)));
        engine.advance(Duration.ofMinutes(5));
        assertThat(engine.launcher.runs("job")).hasSize(2);
        assertThat(engine.scheduler.pendingDelays()).hasSizeLessThanOrEqualTo(2); // the next due time and the start timeout
    }

    @Test
    void aWorkerKeptAliveThatIsGivenAScheduleStopsAndThenKeepsToIt_evenFromBackoff() {
        WorkerSpec keptAlive = new WorkerSpec("SilentWorker", "svc", null, null);
        engine.runGroup("g", keptAlive, new WorkerSpec("SilentWorker", "flaky", null, null));
        engine.run("svc").report(StatusCall.RUNNING, "up");
        for (int crash = 0; crash < 2; crash++) { // the first restart is immediate, the second waits in BACKOFF
            engine.run("flaky").report(StatusCall.RUNNING, "up").exit(io.covey.engine.launch.RunExit.failed("boom"));
            engine.settle();
        }
        assertThat(engine.worker("flaky").state()).isEqualTo(WorkerState.BACKOFF);

        WorkerSchedule hourly = WorkerSchedule.every(Duration.ofHours(1));
        engine.runGroup("g", keptAlive.withSchedule(hourly), new WorkerSpec("SilentWorker", "flaky", null, null).withSchedule(hourly));
        assertThat(engine.run("svc").stops()).hasSize(1);
        engine.run("svc").exitNormally();
        engine.settle();
        assertThat(engine.worker("svc").state()).isEqualTo(WorkerState.STOPPED);
        assertThat(engine.worker("flaky").state()).isEqualTo(WorkerState.PENDING);
        engine.advance(Duration.ofMinutes(59));
        assertThat(engine.launcher.runs("svc")).hasSize(1);
        assertThat(engine.launcher.runs("flaky")).hasSize(2); // the backoff's restart was called off
        engine.advance(Duration.ofMinutes(1));
        assertThat(engine.launcher.runs("svc")).hasSize(2);
        assertThat(engine.launcher.runs("flaky")).hasSize(3);
    }

    @Test
    void aCronExpressionThatDoesNotParseIsRefusedAndChangesNothing() {
        assertThatThrownBy(() -> engine.runGroup("g", job("bad", WorkerSchedule.ofCron("61 * * * *"))))
                .isInstanceOf(InvalidSpecException.class).hasMessageContaining("cron expression '61 * * * *' is not valid");
        assertThatThrownBy(() -> new WorkerSchedule("0 3 * * *", Duration.ofMinutes(1), null, null, null))
                .isInstanceOf(InvalidSpecException.class).hasMessageContaining("not both");
        assertThatThrownBy(() -> WorkerSchedule.ofCron("0 3 * * *").inZone("Mars/Olympus"))
                .isInstanceOf(InvalidSpecException.class).hasMessageContaining("is no time zone");
        assertThat(engine.engine.declarations().groups()).isEmpty();
    }

    @Test
    void theScheduleReadsFromJsonAsACronStringOrAnObject() {
        WorkerSpec fromString = CoveyJson.mapper().readValue(
                "{\"type\":\"SilentWorker\",\"schedule\":\"*/5 * * * *\"}", WorkerSpec.class);
        assertThat(fromString.schedule()).isEqualTo(WorkerSchedule.ofCron("*/5 * * * *"));
        WorkerSpec fromObject = CoveyJson.mapper().readValue(
                "{\"type\":\"SilentWorker\",\"schedule\":{\"every\":\"15m\",\"overlap\":\"replace\",\"missed\":\"run-once\"}}",
                WorkerSpec.class);
        assertThat(fromObject.schedule()).isEqualTo(WorkerSchedule.every(Duration.ofMinutes(15))
                .withOverlap(WorkerSchedule.Overlap.REPLACE).withMissed(WorkerSchedule.Missed.RUN_ONCE));
        assertThat(CoveyJson.write(fromObject)).contains("\"schedule\":{\"every\":\"15m\",\"overlap\":\"replace\",\"missed\":\"run-once\"}");
    }
}
