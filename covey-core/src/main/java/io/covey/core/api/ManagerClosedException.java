package io.covey.core.api;

/** The manager was closed (the host is shutting down): nothing more can be asked of it (HTTP 503). */
public final class ManagerClosedException extends CoveyException {
    public ManagerClosedException() {
        super("the manager is closed");
    }
}
