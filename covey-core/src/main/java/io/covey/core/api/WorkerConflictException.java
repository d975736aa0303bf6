package io.covey.core.api;

/** A worker id already declared in another group (HTTP 409). Nothing was changed. */
public final class WorkerConflictException extends CoveyException {
    public WorkerConflictException(String workerId, String ownerGroup, String requestingGroup) {
        super("worker id '" + workerId + "' is already declared in group '" + ownerGroup
                + "'; worker ids are unique across the host, so group '" + requestingGroup
                + "' cannot declare it too (remove it there first, or give this one another id)");
    }
}
