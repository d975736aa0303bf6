package io.covey.core.manifest;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

import io.covey.core.api.UnknownWorkerTypeException;
import io.covey.core.api.WorkerTypeUnavailableException;
import io.covey.core.spec.CoveyNames;
import io.covey.core.worker.CoveyWorker;
import io.covey.core.worker.WorkerTypeNames;

/**
 * The worker types a manager may run. Only types declared here can be asked for, so no API
 * input ever names an arbitrary class. It may also name {@linkplain #unavailable() types that
 * cannot run} (their class did not load): asking for one is refused with the reason.
 */
public final class CoveyManifest {
    private final Map<String, WorkerType> types;
    private final Map<String, UnavailableWorkerType> unavailable;

    private CoveyManifest(Map<String, WorkerType> types, Map<String, UnavailableWorkerType> unavailable) {
        this.types = Collections.unmodifiableMap(new TreeMap<>(types));
        this.unavailable = Collections.unmodifiableMap(new TreeMap<>(unavailable));
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

    /**
     * The type; a {@link WorkerTypeUnavailableException} with the reason when it cannot run, or an
     * {@link UnknownWorkerTypeException} that names the declared ones when there is no such type.
     */
    public WorkerType require(String typeName) {
        WorkerType type = types.get(typeName);
        if (type == null) {
            UnavailableWorkerType broken = unavailable.get(typeName);
            if (broken != null) {
                throw new WorkerTypeUnavailableException(typeName, broken.reason());
            }
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

    /** The types that cannot run, by name; none of them is in {@link #typeNames()}. */
    public Collection<UnavailableWorkerType> unavailable() {
        return unavailable.values();
    }

    /** This manifest and another one together; a name declared by both for different classes is refused. */
    public CoveyManifest merge(CoveyManifest other) {
        Builder builder = new Builder();
        types.values().forEach(builder::add);
        other.types.values().forEach(builder::add);
        unavailable.values().forEach(builder::unavailable);
        other.unavailable.values().forEach(builder::unavailable);
        return builder.build();
    }

    public static final class Builder {
        private final Map<String, WorkerType> types = new TreeMap<>();
        private final Map<String, UnavailableWorkerType> unavailable = new TreeMap<>();

        private Builder() {
        }

        /**
         * Adds the type a worker-jar index names, when its class loads and links; otherwise records it
         * {@linkplain CoveyManifest#unavailable() unavailable} with the reason, and returns that.
         *
         * @param origin where the index was found (a jar's name), for the reason
         * @return empty when the type was added
         */
        public Optional<UnavailableWorkerType> addIndexed(WorkerTypeIndex.Entry entry, ClassLoader loader, String origin) {
            String reason;
            try {
                Class<?> workerClass = WorkerClassLoading.load(entry.className(), loader);
                String actual = WorkerTypeNames.of(workerClass);
                if (actual.equals(entry.typeName())) {
                    add(workerClass);
                    return Optional.empty();
                }
                reason = "the index of " + origin + " names it, but its class " + entry.className() + " now declares type '"
                        + actual + "': the jar's index is stale, rebuild it";
            } catch (ClassNotFoundException | LinkageError e) {
                reason = WorkerClassLoading.describe(entry.className(), origin, e);
            } catch (IllegalArgumentException e) {
                reason = e.getMessage() + " (in " + origin + ")";
            }
            UnavailableWorkerType broken = new UnavailableWorkerType(entry.typeName(), entry.className(), reason);
            unavailable(broken);
            return types.containsKey(broken.name()) ? Optional.empty() : Optional.of(broken);
        }

        /** Records a type that cannot run; a type of the same name that can run takes precedence. */
        public Builder unavailable(UnavailableWorkerType type) {
            unavailable.putIfAbsent(type.name(), type);
            return this;
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
            Map<String, UnavailableWorkerType> broken = new TreeMap<>(unavailable);
            broken.keySet().removeAll(types.keySet());
            return new CoveyManifest(types, broken);
        }
    }

    @Override
    public String toString() {
        return "CoveyManifest" + new ArrayList<>(types.keySet()) + (unavailable.isEmpty() ? "" : ", unavailable " + unavailable.keySet());
    }
}
