package io.covey.host.problem;

import java.util.Map;

/**
 * A problem the host itself finds in a request (not the engine): a body that is not JSON, a bad
 * query parameter, too many tickets. Answered as {@code kind} with this detail and these extra
 * members; nothing was changed.
 */
public class ApiProblemException extends RuntimeException {
    private final ProblemKind kind;
    private final transient Map<String, Object> properties;

    public ApiProblemException(ProblemKind kind, String detail) {
        this(kind, detail, Map.of());
    }

    public ApiProblemException(ProblemKind kind, String detail, Map<String, Object> properties) {
        super(detail);
        this.kind = kind;
        this.properties = Map.copyOf(properties);
    }

    public ProblemKind kind() {
        return kind;
    }

    public Map<String, Object> properties() {
        return properties;
    }
}
