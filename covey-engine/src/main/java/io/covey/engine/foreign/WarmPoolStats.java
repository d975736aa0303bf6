package io.covey.engine.foreign;

/**
 * A snapshot of a launcher's warm pool, for metrics.
 *
 * @param size     the configured size; 0 when the pool is off
 * @param waiting  children ready to be handed out
 * @param starting children started but not ready yet
 * @param hits     starts that took a waiting child
 * @param misses   starts that found none and started cold
 * @param retired  children replaced after waiting for the idle limit
 */
public record WarmPoolStats(int size, int waiting, int starting, long hits, long misses, long retired) {
    public static final WarmPoolStats OFF = new WarmPoolStats(0, 0, 0, 0, 0, 0);
}
