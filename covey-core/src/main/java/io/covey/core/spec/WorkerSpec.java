package io.covey.core.spec;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

import com.fasterxml.jackson.annotation.JsonInclude;

import io.covey.core.api.InvalidSpecException;
import io.covey.core.json.CoveyJson;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;

/**
 * One declared worker: {@code {"type":..., "id":..., "params":{...}, "options":{...}, "dependsOn":[...]}}.
 * {@code dependsOn} sits beside the options rather than in them: it names other workers of this
 * host, so a manager-wide default for it would make no sense.
 *
 * @param type      a worker type declared in the manifest
 * @param id        an explicit id, or {@code null} to derive one from type and params
 * @param params    the worker's params as JSON; kept canonical (sorted keys) so equal params compare equal
 * @param options   per-worker options; unset fields come from the manager's defaults
 * @param dependsOn the workers this one waits for before it starts; never null, each id once
 * @param instances how many workers this declaration stands for, with ids {@code <id>-0 … <id>-(N-1)}; null for one
 *                  worker with the id itself
 * @param update    how a running worker is replaced when this declaration changes; null for {@link UpdateStrategy#RECREATE}
 * @param schedule  when it runs, for a worker run on a schedule instead of kept alive; null for one kept alive
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record WorkerSpec(String type, String id, JsonNode params, WorkerOptions options,
                         @JsonInclude(JsonInclude.Include.NON_EMPTY) List<Dependency> dependsOn,
                         Integer instances, UpdateStrategy update, WorkerSchedule schedule) implements WorkerDeclaration {

    public WorkerSpec(String type, String id, JsonNode params, WorkerOptions options) {
        this(type, id, params, options, null, null, null, null);
    }

    public WorkerSpec(String type, String id, JsonNode params, WorkerOptions options, List<Dependency> dependsOn) {
        this(type, id, params, options, dependsOn, null, null, null);
    }

    /** A declaration kept alive (no schedule). */
    public WorkerSpec(String type, String id, JsonNode params, WorkerOptions options, List<Dependency> dependsOn,
                      Integer instances, UpdateStrategy update) {
        this(type, id, params, options, dependsOn, instances, update, null);
    }

    /** A declaration of one worker (no instances), replaced by recreating it. */
    public WorkerSpec(String type, String id, JsonNode params, WorkerOptions options, List<Dependency> dependsOn,
                      WorkerSchedule schedule) {
        this(type, id, params, options, dependsOn, null, null, schedule);
    }

    public WorkerSpec {
        if (type == null || type.isBlank()) {
            throw new InvalidSpecException("a worker spec needs a \"type\" naming a declared worker type");
        }
        CoveyNames.require("worker type", type);
        if (id != null) {
            CoveyNames.require("worker id", id);
        }
        params = params == null || params.isNull() ? JsonNodeFactory.instance.objectNode() : CoveyJson.canonical(params);
        options = options == null ? WorkerOptions.NONE : options;
        dependsOn = dependsOn == null ? List.of() : List.copyOf(dependsOn);
        Set<String> seen = new HashSet<>();
        for (Dependency dependency : dependsOn) {
            if (!seen.add(dependency.id())) {
                throw new InvalidSpecException("a worker of type '" + type + "' lists '" + dependency.id()
                        + "' twice in dependsOn; list each dependency once");
            }
        }
        if (instances != null && instances < 1) {
            throw new InvalidSpecException("a worker of type '" + type + "' asks for " + instances
                    + " instances; instances must be at least 1 (remove the worker to run none)");
        }
    }

    public static WorkerSpec of(String type, Object params) {
        return new WorkerSpec(type, null, CoveyJson.toTree(params), null);
    }

    public WorkerSpec withId(String newId) {
        return new WorkerSpec(type, newId, params, options, dependsOn, instances, update, schedule);
    }

    public WorkerSpec withOptions(WorkerOptions newOptions) {
        return new WorkerSpec(type, id, params, newOptions, dependsOn, instances, update, schedule);
    }

    public WorkerSpec withDependsOn(List<Dependency> newDependsOn) {
        return new WorkerSpec(type, id, params, options, newDependsOn, instances, update, schedule);
    }

    /** @param newInstances how many workers, or null for one worker under the id itself */
    public WorkerSpec withInstances(Integer newInstances) {
        return new WorkerSpec(type, id, params, options, dependsOn, newInstances, update, schedule);
    }

    public WorkerSpec withUpdate(UpdateStrategy newUpdate) {
        return new WorkerSpec(type, id, params, options, dependsOn, instances, newUpdate, schedule);
    }

    /** The update strategy, {@link UpdateStrategy#RECREATE} when none is given. */
    public UpdateStrategy updateStrategy() {
        return update == null ? UpdateStrategy.RECREATE : update;
    }

    /**
     * The ids of the workers this declaration stands for: the effective id alone, or with
     * {@code instances} the ids {@code <id>-0 … <id>-(N-1)} ({@link WorkerIds#instance}).
     */
    public List<String> workerIds() {
        String base = effectiveId();
        if (instances == null) {
            return List.of(base);
        }
        List<String> ids = new ArrayList<>(instances);
        for (int index = 0; index < instances; index++) {
            ids.add(WorkerIds.instance(base, index));
        }
        return ids;
    }

    public WorkerSpec withDependsOn(Dependency... newDependsOn) {
        return withDependsOn(List.of(newDependsOn));
    }

    /** The same declaration run on {@code newSchedule} (null: kept alive instead). */
    public WorkerSpec withSchedule(WorkerSchedule newSchedule) {
        return new WorkerSpec(type, id, params, options, dependsOn, instances, update, newSchedule);
    }

    /** The explicit id, or the one derived from type and canonical params. */
    public String effectiveId() {
        return id != null ? id : WorkerIds.derive(type, params);
    }

    @Override
    public WorkerSpec toSpec() {
        return this;
    }

    /**
     * Same worker declaration, ignoring whether the id was written out or derived, and ignoring
     * {@code dependsOn}: which workers must come first decides when a worker starts, not what it
     * runs, so changing it does not restart a running worker. {@code instances} and {@code update}
     * are ignored too: how many workers a declaration stands for and how they are replaced change
     * neither what each one runs.
     */
    public boolean sameDeclarationAs(WorkerSpec other) {
        return other != null
                && type.equals(other.type)
                && effectiveId().equals(other.effectiveId())
                && params.equals(other.params)
                && Objects.equals(options, other.options)
                && Objects.equals(schedule, other.schedule);
    }
}
