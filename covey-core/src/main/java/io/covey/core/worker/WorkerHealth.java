package io.covey.core.worker;

/**
 * What a worker's {@link CoveyWorker#checkHealth()} says about itself.
 *
 * @param healthy whether the worker can do its job right now
 * @param message what was checked or what is wrong; may be null
 */
public record WorkerHealth(boolean healthy, String message) {
    public static WorkerHealth ok() {
        return new WorkerHealth(true, null);
    }

    public static WorkerHealth ok(String message) {
        return new WorkerHealth(true, message);
    }

    public static WorkerHealth unhealthy(String message) {
        return new WorkerHealth(false, message);
    }
}
