package io.covey.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.Test;

import io.covey.core.spec.WorkerOptions;

class RestartTrackerTest {
    private static final WorkerOptions DEFAULTS = WorkerOptions.BUILT_IN;
    private static final Instant T0 = Instant.parse("2026-11-23T00:00:00Z");

    @Test
    void firstRestartIsImmediateThenOneSecondDoublingToSixtySeconds() {
        RestartTracker tracker = new RestartTracker();
        List<Duration> delays = new ArrayList<>();
        Instant now = T0;
        WorkerOptions generous = DEFAULTS.withRestartLimit(100, Duration.ofMinutes(10));
        for (int i = 0; i < 10; i++) {
            delays.add(tracker.afterCrash(now, now, generous, () -> 0.5).delay());
            now = now.plusMillis(100);
        }
        assertThat(delays).extracting(Duration::toMillis)
                .containsExactly(0L, 1_000L, 2_000L, 4_000L, 8_000L, 16_000L, 32_000L, 60_000L, 60_000L, 60_000L);
    }

    @Test
    void jitterStaysWithinTwentyPercentEitherWay() {
        Random random = new Random(7);
        long min = Long.MAX_VALUE;
        long max = Long.MIN_VALUE;
        for (int i = 0; i < 10_000; i++) {
            long delay = RestartTracker.delayFor(4, DEFAULTS, random.nextDouble()).toMillis();
            min = Math.min(min, delay);
            max = Math.max(max, delay);
        }
        assertThat(min).isBetween(3_200L, 3_300L);
        assertThat(max).isBetween(4_700L, 4_800L);
        assertThat(RestartTracker.delayFor(20, DEFAULTS, 0.999).toMillis()).isLessThanOrEqualTo(72_000L);
        assertThat(RestartTracker.delayFor(1, DEFAULTS, 0.999)).isZero();
    }

    @Test
    void tenMinutesRunningResetsTheBackoff() {
        RestartTracker tracker = new RestartTracker();
        Instant now = T0;
        tracker.afterCrash(now, now, DEFAULTS, () -> 0.5);
        assertThat(tracker.afterCrash(now.plusSeconds(1), now, DEFAULTS, () -> 0.5).delay()).isEqualTo(Duration.ofSeconds(1));
        assertThat(tracker.afterCrash(now.plusSeconds(3), now.plusSeconds(2), DEFAULTS, () -> 0.5).delay()).isEqualTo(Duration.ofSeconds(2));

        Instant runningSince = now.plusSeconds(10);
        Instant crashAfterStableRun = runningSince.plus(Duration.ofMinutes(10));
        assertThat(tracker.afterCrash(crashAfterStableRun, runningSince, DEFAULTS, () -> 0.5).delay()).isZero();
        assertThat(tracker.afterCrash(crashAfterStableRun.plusSeconds(1), crashAfterStableRun, DEFAULTS, () -> 0.5).delay())
                .isEqualTo(Duration.ofSeconds(1));
    }

    @Test
    void theTenthCrashWithinTenMinutesGivesUp() {
        RestartTracker tracker = new RestartTracker();
        Instant now = T0;
        for (int i = 1; i <= 9; i++) {
            assertThat(tracker.afterCrash(now, null, DEFAULTS, () -> 0.5).givesUp()).as("crash %d", i).isFalse();
            now = now.plusSeconds(30);
        }
        RestartTracker.Decision tenth = tracker.afterCrash(now, null, DEFAULTS, () -> 0.5);
        assertThat(tenth.givesUp()).isTrue();
        assertThat(tenth.crashesInWindow()).isEqualTo(10);
    }

    @Test
    void crashesOlderThanTheWindowDoNotCountButSlowCrashesDo() {
        RestartTracker tracker = new RestartTracker();
        Instant now = T0;
        for (int i = 0; i < 30; i++) {
            // One crash every 70 s: never more than 9 inside any 10-minute window.
            assertThat(tracker.afterCrash(now, now.minusSeconds(60), DEFAULTS, () -> 0.5).givesUp()).isFalse();
            now = now.plusSeconds(70);
        }
        assertThat(tracker.crashesInWindow()).isEqualTo(9);
        // Long, stable runs still count toward the limit: only the window matters.
        assertThat(tracker.afterCrash(now.minusSeconds(65), now.minus(Duration.ofHours(1)), DEFAULTS, () -> 0.5).givesUp()).isTrue();
    }

    @Test
    void aResetForgetsCrashesAndBackoff() {
        RestartTracker tracker = new RestartTracker();
        for (int i = 0; i < 9; i++) {
            tracker.afterCrash(T0.plusSeconds(i), null, DEFAULTS, () -> 0.5);
        }
        tracker.reset();
        assertThat(tracker.crashesInWindow()).isZero();
        RestartTracker.Decision next = tracker.afterCrash(T0.plusSeconds(10), null, DEFAULTS, () -> 0.5);
        assertThat(next.givesUp()).isFalse();
        assertThat(next.delay()).isZero();
    }
}
