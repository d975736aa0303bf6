package io.covey.core.spec;

import java.util.List;
import java.util.Objects;

/**
 * A named list of worker declarations: the whole desired content of a group, as
 * {@code runGroup} takes it. Built from specs, from worker instances, or from a mix.
 */
public final class CoveyGroup {
    private final String name;
    private final List<WorkerSpec> workers;

    public CoveyGroup(String name, List<? extends WorkerDeclaration> workers) {
        this.name = CoveyNames.require("group name", name);
        Objects.requireNonNull(workers, "workers");
        this.workers = workers.stream().map(WorkerDeclaration::toSpec).toList();
    }

    public static CoveyGroup of(String name, WorkerDeclaration... workers) {
        return new CoveyGroup(name, List.of(workers));
    }

    public String name() {
        return name;
    }

    public List<WorkerSpec> workers() {
        return workers;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof CoveyGroup other && name.equals(other.name) && workers.equals(other.workers);
    }

    @Override
    public int hashCode() {
        return Objects.hash(name, workers);
    }

    @Override
    public String toString() {
        return "CoveyGroup[" + name + ", " + workers.size() + " workers]";
    }
}
