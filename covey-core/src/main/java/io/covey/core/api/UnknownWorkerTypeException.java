package io.covey.core.api;

import java.util.List;

import io.covey.core.spec.CoveyNames;

/** A declaration asked for a worker type the manifest does not declare (HTTP 400). */
public final class UnknownWorkerTypeException extends InvalidSpecException {
    private final List<String> declaredTypes;

    public UnknownWorkerTypeException(String type, List<String> declaredTypes) {
        super("worker type '" + CoveyNames.printable(type) + "' is not declared; declared types: "
                + (declaredTypes.isEmpty() ? "(none)" : String.join(", ", declaredTypes)));
        this.declaredTypes = List.copyOf(declaredTypes);
    }

    public List<String> declaredTypes() {
        return declaredTypes;
    }
}
