package io.covey.core.api;

/**
 * Params that do not fit their worker type (HTTP 400). Nothing was changed.
 * {@link #field()} names the param at fault, as a path like {@code port} or {@code targets[2].url},
 * or is empty when the params as a whole are wrong.
 */
public final class InvalidParamsException extends InvalidSpecException {
    private final String workerType;
    private final String field;

    public InvalidParamsException(String workerType, String field, String message) {
        super(message);
        this.workerType = workerType;
        this.field = field == null ? "" : field;
    }

    public String workerType() {
        return workerType;
    }

    public String field() {
        return field;
    }
}
