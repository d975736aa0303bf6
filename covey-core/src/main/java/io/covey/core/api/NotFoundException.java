package io.covey.core.api;

/** An unknown group or worker (HTTP 404). */
public final class NotFoundException extends CoveyException {
    public NotFoundException(String message) {
        super(message);
    }

    public static NotFoundException group(String name) {
        return new NotFoundException("no group named '" + io.covey.core.spec.CoveyNames.printable(name) + "'");
    }

    public static NotFoundException worker(String id) {
        return new NotFoundException("no worker with id '" + io.covey.core.spec.CoveyNames.printable(id) + "'");
    }
}
