package io.covey.host.api;

import io.covey.core.spec.CoveyNames;
import io.covey.host.problem.ApiProblemException;
import io.covey.host.problem.ProblemKind;
import tools.jackson.databind.JsonNode;

/** The body of {@code POST /workers/{id}/scale}: {@code {"instances":N}}, N at least 1. */
public record ScaleRequest(int instances) {
    private static final String EXAMPLE = "{\"instances\":3}";

    public static ScaleRequest from(JsonNode body) {
        if (!body.isObject()) {
            throw new ApiProblemException(ProblemKind.INVALID_JSON, "the body must be a JSON object like " + EXAMPLE);
        }
        for (String field : body.propertyNames()) {
            if (!field.equals("instances")) {
                throw new ApiProblemException(ProblemKind.INVALID_JSON, "'" + CoveyNames.printable(field)
                        + "' is not a known field of the body (known fields: instances)");
            }
        }
        JsonNode instances = body.get("instances");
        if (instances == null || !instances.isIntegralNumber() || !instances.canConvertToInt()) {
            throw new ApiProblemException(ProblemKind.INVALID_JSON, "the body needs \"instances\", a whole number, e.g. "
                    + EXAMPLE);
        }
        if (instances.intValue() < 1) {
            throw new ApiProblemException(ProblemKind.INVALID_REQUEST, "\"instances\" must be at least 1, was "
                    + instances.intValue() + " (remove the worker to run none)");
        }
        return new ScaleRequest(instances.intValue());
    }
}
