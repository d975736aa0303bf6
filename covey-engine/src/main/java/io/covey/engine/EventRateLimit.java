package io.covey.engine;

/**
 * One worker's token bucket: {@code burst} events at once, refilled at {@code ratePerSecond}.
 * What it refuses is counted, and the count is handed out for a notice at most once a second
 * while dropping lasts (and once more at the next event let through), so a flood is reported
 * without the report becoming a flood. Thread-safe: output drains, the control connection and
 * worker threads call it at once.
 */
final class EventRateLimit {
    /** Whether an event may go on, and how many dropped events are to be reported now (0: none). */
    record Verdict(boolean admitted, long dropsToReport) {
        static final Verdict ADMITTED = new Verdict(true, 0);
        static final Verdict DROPPED = new Verdict(false, 0);
    }

    private static final long NOTICE_INTERVAL_NANOS = 1_000_000_000L;

    private final double ratePerNano;
    private final double burst;
    private double tokens;
    private long refilledAt;
    private long unreported;
    private long lastNoticeAt;

    EventRateLimit(EventLimits limits, long nowNanos) {
        this.ratePerNano = limits.ratePerSecond() / 1e9;
        this.burst = limits.burst();
        this.tokens = burst;
        this.refilledAt = nowNanos;
        this.lastNoticeAt = nowNanos - NOTICE_INTERVAL_NANOS;
    }

    synchronized Verdict admit(long nowNanos) {
        if (nowNanos > refilledAt) {
            tokens = Math.min(burst, tokens + (nowNanos - refilledAt) * ratePerNano);
            refilledAt = nowNanos;
        }
        boolean admitted = tokens >= 1;
        if (admitted) {
            tokens -= 1;
        } else {
            unreported++;
        }
        if (unreported > 0 && (admitted || nowNanos - lastNoticeAt >= NOTICE_INTERVAL_NANOS)) {
            long drops = unreported;
            unreported = 0;
            lastNoticeAt = nowNanos;
            return new Verdict(admitted, drops);
        }
        return admitted ? Verdict.ADMITTED : Verdict.DROPPED;
    }

    /** The drops not reported yet (at the end of an attempt), now counted as reported. */
    synchronized long takeUnreported() {
        long drops = unreported;
        unreported = 0;
        return drops;
    }
}
