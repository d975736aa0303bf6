package io.covey.client;

import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;

/**
 * How long to wait before reconnecting: the initial delay, doubling per failed attempt up to the
 * maximum, ±20 % so that many clients of a restarted host do not reconnect in lockstep.
 */
final class ReconnectBackoff {
    private static final double JITTER = 0.2;

    private ReconnectBackoff() {
    }

    static Duration delay(int failedAttempts, Duration initial, Duration max) {
        long base = initial.toMillis();
        for (int i = 0; i < failedAttempts && base < max.toMillis(); i++) {
            base *= 2;
        }
        base = Math.min(base, max.toMillis());
        double spread = 1 + JITTER * (2 * ThreadLocalRandom.current().nextDouble() - 1);
        return Duration.ofMillis(Math.max(1, Math.round(base * spread)));
    }
}
