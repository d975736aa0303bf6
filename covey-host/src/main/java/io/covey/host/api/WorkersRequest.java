package io.covey.host.api;

import java.util.ArrayList;
import java.util.List;

import io.covey.core.api.CoveyException;
import io.covey.core.api.InvalidSpecException;
import io.covey.core.json.CoveyJson;
import io.covey.core.json.JsonErrors;
import io.covey.core.spec.WorkerSpec;
import io.covey.host.problem.ApiProblemException;
import io.covey.host.problem.ProblemKind;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;

/**
 * The body of {@code PUT /groups/{name}} and {@code POST /groups/{name}/workers}:
 * {@code {"workers":[spec...]}}. Read element by element, so that every refusal names the
 * worker at fault by its index: {@code workers[2]}.
 */
public record WorkersRequest(List<WorkerSpec> workers) {
    private static final String EXAMPLE = "{\"workers\":[{\"type\":\"...\",\"params\":{}}]}";

    public static WorkersRequest from(JsonNode body) {
        if (!body.isObject()) {
            throw new ApiProblemException(ProblemKind.INVALID_JSON, "the body must be a JSON object like " + EXAMPLE);
        }
        for (String field : body.propertyNames()) {
            if (!field.equals("workers")) {
                throw new ApiProblemException(ProblemKind.INVALID_JSON, "'" + io.covey.core.spec.CoveyNames.printable(field)
                        + "' is not a known field of the body (known fields: workers)");
            }
        }
        JsonNode list = body.get("workers");
        if (list == null || !list.isArray()) {
            throw new ApiProblemException(ProblemKind.INVALID_JSON, "the body needs a \"workers\" list, e.g. " + EXAMPLE);
        }
        List<WorkerSpec> specs = new ArrayList<>(list.size());
        for (int i = 0; i < list.size(); i++) {
            specs.add(spec(list.get(i), i));
        }
        return new WorkersRequest(specs);
    }

    private static WorkerSpec spec(JsonNode element, int index) {
        if (!element.isObject()) {
            throw new InvalidSpecException("workers[" + index + "] must be a worker spec object like "
                    + "{\"type\":\"...\",\"params\":{}}, was " + (element.isNull() ? "null" : element.getNodeType().name().toLowerCase()));
        }
        try {
            return CoveyJson.convert(element, WorkerSpec.class);
        } catch (JacksonException e) {
            CoveyException cause = ourOwn(e);
            if (cause != null) {
                throw new ApiProblemException(ProblemKind.of(cause), "workers[" + index + "]: " + cause.getMessage());
            }
            throw new InvalidSpecException("workers[" + index + "]: " + JsonErrors.describe(e));
        }
    }

    /** The spec's own validation (a bad name, a missing type) that Jackson wrapped. */
    private static CoveyException ourOwn(Throwable e) {
        for (Throwable cause = e.getCause(); cause != null; cause = cause.getCause()) {
            if (cause instanceof CoveyException covey) {
                return covey;
            }
        }
        return null;
    }
}
