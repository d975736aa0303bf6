package io.covey.core.manifest;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

import io.covey.core.api.UnknownWorkerTypeException;
import io.covey.core.spec.CoveyNames;
import io.covey.core.worker.CoveyWorker;
import io.covey.core.worker.WorkerTypeNames;

/**
 * The worker types a manager may run. Only types declared here can be asked for, so no API
 * input ever names an arbitrary class.
 */
public final class CoveyManifest {
    private final Map<String, WorkerType> types;

    private CoveyManifest(Map<String, WorkerType> types) {
        this.types = Collections.unmodifiableMap(new TreeMap<>(types));
    }

    @SafeVarargs
    public static CoveyManifest of(Class<? extends CoveyWorker<?>>... workerClasses) {
        Builder builder = builder();
        for (Class<? extends CoveyWorker<?>> workerClass : workerClasses) {
            builder.add(workerClass);
        }
        return builder.build();
    }

    public static Builder builder() {
        return new Builder();
    }

    public Optional<WorkerType> find(String typeName) {
        return Optional.ofNullable(types.get(typeName));
    }

    /** The type, or an {@link UnknownWorkerTypeException} that names the declared ones. */
    public WorkerType require(String typeName) {
        WorkerType type = types.get(typeName);
        if (type == null) {
            throw new UnknownWorkerTypeException(typeName, typeNames());
        }
        return type;
    }

    public List<String> typeNames() {
        return List.copyOf(types.keySet());
    }

    public Collection<WorkerType> types() {
        return types.values();
    }

    /** This manifest and another one together; a name declared by both for different classes is refused. */
    public CoveyManifest merge(CoveyManifest other) {
        Builder builder = new Builder();
        types.values().forEach(builder::add);
        other.types.values().forEach(builder::add);
        return builder.build();
    }

    public static final class Builder {
        private final Map<String, WorkerType> types = new TreeMap<>();

        private Builder() {
        }

        @SuppressWarnings("unchecked")
        public Builder add(Class<?> workerClass) {
            if (!CoveyWorker.class.isAssignableFrom(workerClass)) {
                throw new IllegalArgumentException(workerClass.getName() + " does not extend CoveyWorker");
            }
            String name = WorkerTypeNames.of(workerClass);
            CoveyNames.require("worker type", name);
            return add(new WorkerType(name, (Class<? extends CoveyWorker<?>>) workerClass));
        }

        private Builder add(WorkerType type) {
            WorkerType existing = types.get(type.name());
            if (existing != null && !existing.workerClass().equals(type.workerClass())) {
                throw new IllegalArgumentException("worker type name '" + type.name() + "' is declared twice: by "
                        + existing.workerClass().getName() + " and by " + type.workerClass().getName()
                        + "; give one of them another name with @CoveyWorkerType");
            }
            types.put(type.name(), type);
            return this;
        }

        public CoveyManifest build() {
            return new CoveyManifest(types);
        }
    }

    @Override
    public String toString() {
        return "CoveyManifest" + new ArrayList<>(types.keySet());
    }
}
