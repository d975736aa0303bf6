package io.covey.engine;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.function.DoubleSupplier;

import io.covey.core.spec.WorkerOptions;

/**
 * Decides what follows an attempt's end: another attempt after a delay, or giving up. Pure: time
 * and randomness come in as arguments, so the whole policy is testable in milliseconds.
 * <p>
 * Every crash counts toward the limit ({@code restartLimit} crashes within {@code restartWindow}
 * make the worker FAILED), however long the attempt ran. The delay is separate: the first restart
 * after a stable period is immediate (as supervisord and Kubernetes do), each further consecutive
 * one waits {@code backoffInitial} doubling up to {@code backoffMax}, with jitter; an attempt that
 * stayed RUNNING for {@code backoffResetAfter} starts the sequence over.
 */
final class RestartTracker {
    private final Deque<Instant> crashes = new ArrayDeque<>();
    private int consecutiveRestarts;

    Decision afterCrash(Instant now, Instant runningSince, WorkerOptions options, DoubleSupplier random) {
        forgetBackoffIfStable(now, runningSince, options);
        crashes.addLast(now);
        Instant windowStart = now.minus(options.restartWindow());
        while (!crashes.isEmpty() && crashes.peekFirst().isBefore(windowStart)) {
            crashes.removeFirst();
        }
        if (crashes.size() >= options.restartLimit()) {
            return Decision.giveUp(crashes.size());
        }
        return Decision.restartAfter(nextDelay(options, random));
    }

    /** A completion (or a stop of its own) under restart policy "always": no crash, but still backed off. */
    Decision afterCleanExit(Instant now, Instant runningSince, WorkerOptions options, DoubleSupplier random) {
        forgetBackoffIfStable(now, runningSince, options);
        return Decision.restartAfter(nextDelay(options, random));
    }

    /** A manual restart or a changed declaration: start over. */
    void reset() {
        crashes.clear();
        consecutiveRestarts = 0;
    }

    int crashesInWindow() {
        return crashes.size();
    }

    private void forgetBackoffIfStable(Instant now, Instant runningSince, WorkerOptions options) {
        if (runningSince != null && !Duration.between(runningSince, now).minus(options.backoffResetAfter()).isNegative()) {
            consecutiveRestarts = 0;
        }
    }

    private Duration nextDelay(WorkerOptions options, DoubleSupplier random) {
        consecutiveRestarts++;
        return delayFor(consecutiveRestarts, options, random.getAsDouble());
    }

    /**
     * The delay before the n-th consecutive restart: 0 for the first, then initial × 2^(n-2)
     * capped at max, spread by ±jitter ({@code random} in [0, 1)).
     */
    static Duration delayFor(int consecutive, WorkerOptions options, double random) {
        if (consecutive <= 1) {
            return Duration.ZERO;
        }
        long initial = options.backoffInitial().toMillis();
        long max = options.backoffMax().toMillis();
        int doublings = Math.min(consecutive - 2, 62);
        long base = initial > (max >> doublings) ? max : Math.min(max, initial << doublings);
        double spread = 1 + options.backoffJitter() * (2 * random - 1);
        return Duration.ofMillis(Math.round(base * spread));
    }

    /** Restart after {@code delay}, or give up (FAILED) when {@code delay} is null. */
    record Decision(Duration delay, int crashesInWindow) {
        static Decision restartAfter(Duration delay) {
            return new Decision(delay, 0);
        }

        static Decision giveUp(int crashes) {
            return new Decision(null, crashes);
        }

        boolean givesUp() {
            return delay == null;
        }
    }
}
