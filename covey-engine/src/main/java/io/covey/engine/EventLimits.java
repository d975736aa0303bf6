package io.covey.engine;

/**
 * What bounds the events of workers, so that nothing a worker writes can grow the manager's memory
 * or push every other worker's events out of the journal.
 *
 * @param retainedBytes the most the journal's retained events may take (estimated once per event as
 *                      it is appended); the oldest go first, as they do past the retained count
 * @param ratePerSecond how many events per second one worker may add (log lines, data, progress
 *                      reports) once its burst is spent; the excess is dropped and counted
 * @param burst         how many events a worker may add at once (the token bucket's size)
 */
public record EventLimits(long retainedBytes, double ratePerSecond, int burst) {
    /** Log lines are cut into pieces of this many characters; each piece but the last is {@code continued}. */
    public static final int MAX_LINE_CHARS = 16 * 1024;

    public EventLimits {
        if (retainedBytes < 1024) {
            throw new IllegalArgumentException("retainedBytes must be at least 1024, was " + retainedBytes);
        }
        if (!(ratePerSecond > 0) || Double.isInfinite(ratePerSecond)) {
            throw new IllegalArgumentException("ratePerSecond must be positive, was " + ratePerSecond);
        }
        if (burst < 1) {
            throw new IllegalArgumentException("burst must be at least 1, was " + burst);
        }
    }

    /** 32 MiB retained, 1,000 events per second per worker with a burst of 10,000. */
    public static EventLimits defaults() {
        return new EventLimits(32L * 1024 * 1024, 1_000, 10_000);
    }

    public EventLimits withRetainedBytes(long bytes) {
        return new EventLimits(bytes, ratePerSecond, burst);
    }

    public EventLimits withRate(double perSecond, int newBurst) {
        return new EventLimits(retainedBytes, perSecond, newBurst);
    }
}
