package io.covey.engine;

import java.time.Duration;

import io.covey.core.spec.WorkerOptions;

/**
 * The manager's global settings.
 *
 * @param workerDefaults      options for every worker that does not set them (merged over {@link WorkerOptions#BUILT_IN})
 * @param retainedEvents      how many events the journal keeps for replay
 * @param logLinesPerWorker   how many recent log lines each worker keeps
 * @param logCharsPerWorker   how much recent log text each worker keeps
 * @param maxWorkersPerGroup  the most workers one group may declare
 * @param maxWorkers          the most workers the manager holds in all
 * @param shutdownBudget      how long closing the manager waits for its workers to stop
 * @param inputQueue          the most inputs sent to one worker and not yet handled by it (more: refused as full)
 * @param inputQueueBytes     the most bytes of such inputs; one input larger than this is taken only into an empty queue
 */
public record ManagerSettings(
        WorkerOptions workerDefaults,
        int retainedEvents,
        int logLinesPerWorker,
        long logCharsPerWorker,
        int maxWorkersPerGroup,
        int maxWorkers,
        Duration shutdownBudget,
        int inputQueue,
        long inputQueueBytes) {

    public ManagerSettings {
        workerDefaults = (workerDefaults == null ? WorkerOptions.NONE : workerDefaults).orElse(WorkerOptions.BUILT_IN);
        requireAtLeastOne("retainedEvents", retainedEvents);
        requireAtLeastOne("logLinesPerWorker", logLinesPerWorker);
        requireAtLeastOne("logCharsPerWorker", logCharsPerWorker);
        requireAtLeastOne("maxWorkersPerGroup", maxWorkersPerGroup);
        requireAtLeastOne("maxWorkers", maxWorkers);
        requireAtLeastOne("inputQueue", inputQueue);
        requireAtLeastOne("inputQueueBytes", inputQueueBytes);
        if (shutdownBudget == null || shutdownBudget.isNegative()) {
            throw new IllegalArgumentException("shutdownBudget must not be negative");
        }
    }

    private static void requireAtLeastOne(String name, long value) {
        if (value < 1) {
            throw new IllegalArgumentException(name + " must be at least 1, was " + value);
        }
    }

    /** The documented defaults. */
    public static ManagerSettings defaults() {
        return new ManagerSettings(WorkerOptions.NONE, 10_000, 2_000, 1024 * 1024, 256, 1024, Duration.ofSeconds(20), 64, 4L * 1024 * 1024);
    }

    public ManagerSettings withWorkerDefaults(WorkerOptions defaults) {
        return new ManagerSettings(defaults, retainedEvents, logLinesPerWorker, logCharsPerWorker, maxWorkersPerGroup, maxWorkers, shutdownBudget, inputQueue, inputQueueBytes);
    }

    public ManagerSettings withRetainedEvents(int count) {
        return new ManagerSettings(workerDefaults, count, logLinesPerWorker, logCharsPerWorker, maxWorkersPerGroup, maxWorkers, shutdownBudget, inputQueue, inputQueueBytes);
    }

    public ManagerSettings withLimits(int perGroup, int total) {
        return new ManagerSettings(workerDefaults, retainedEvents, logLinesPerWorker, logCharsPerWorker, perGroup, total, shutdownBudget, inputQueue, inputQueueBytes);
    }

    public ManagerSettings withInputQueue(int count, long bytes) {
        return new ManagerSettings(workerDefaults, retainedEvents, logLinesPerWorker, logCharsPerWorker, maxWorkersPerGroup, maxWorkers,
                shutdownBudget, count, bytes);
    }
}
