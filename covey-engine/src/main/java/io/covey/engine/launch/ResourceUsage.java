package io.covey.engine.launch;

/**
 * One sample of what an attempt's process tree uses.
 *
 * @param memoryBytes the resident memory of the child and its descendants
 * @param cpuPercent  the CPU time they used since the previous sample, in percent of one core (200 is two
 *                    cores busy); null for the first sample, which has nothing to compare with
 * @param processes   how many processes the figures cover
 */
public record ResourceUsage(long memoryBytes, Double cpuPercent, int processes) {
}
