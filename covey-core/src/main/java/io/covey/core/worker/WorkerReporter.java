package io.covey.core.worker;

/**
 * Where a running worker's status calls go. The runtime (a thread in the host, or the child
 * process entry point) supplies one before {@link CoveyWorker#runWorker()} is called.
 */
public interface WorkerReporter {
    void starting(String message);

    void running(String message);

    void completed(Object result);

    void crashed(String message, Throwable error);

    void stopping(String message);

    /**
     * A crash that no restart can mend: the worker is FAILED at once, whatever its restart policy.
     * Runtimes that cannot tell it apart report a crash.
     */
    default void failed(String message) {
        crashed(message, null);
    }

    void stopped(String message);

    void log(String line);

    void publish(Object data);

    /** Used before the runtime attached a reporter: a worker used outside a manager reports nowhere. */
    WorkerReporter DETACHED = new WorkerReporter() {
        @Override
        public void starting(String message) {
        }

        @Override
        public void running(String message) {
        }

        @Override
        public void completed(Object result) {
        }

        @Override
        public void crashed(String message, Throwable error) {
        }

        @Override
        public void stopping(String message) {
        }

        @Override
        public void stopped(String message) {
        }

        @Override
        public void log(String line) {
        }

        @Override
        public void publish(Object data) {
        }
    };
}
