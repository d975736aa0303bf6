package io.covey.core.api;

import io.covey.core.spec.CoveyNames;

/** A declaration asked for a worker type whose class could not be loaded (HTTP 400). */
public final class WorkerTypeUnavailableException extends InvalidSpecException {
    public WorkerTypeUnavailableException(String type, String reason) {
        super("worker type '" + CoveyNames.printable(type) + "' is unavailable on this host: " + reason);
    }
}
