package io.covey.host.api;

import java.util.List;

import io.covey.core.api.InvalidSpecException;
import io.covey.core.spec.WorkerSpec;

/** The body of {@code PUT /groups/{name}} and {@code POST /groups/{name}/workers}. */
public record WorkersRequest(List<WorkerSpec> workers) {
    /** The declared workers; a body without the list is refused here rather than in the constructor, so Jackson can first name unknown fields. */
    public List<WorkerSpec> requireWorkers() {
        if (workers == null) {
            throw new InvalidSpecException("the body needs a \"workers\" list, e.g. {\"workers\":[{\"type\":\"...\",\"params\":{}}]}");
        }
        return workers;
    }
}
