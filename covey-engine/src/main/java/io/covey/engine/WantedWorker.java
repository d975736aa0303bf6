package io.covey.engine;

import java.util.ArrayList;
import java.util.List;

import io.covey.core.spec.WorkerIds;
import io.covey.core.spec.WorkerSpec;

/**
 * One worker a declaration asks for: a spec without {@code instances} stands for one, under its
 * own id; a spec with {@code instances: N} for N, with ids {@code <id>-0 … <id>-(N-1)}, which share
 * the spec. The diff, the limits and every slot work on these expanded ids, so scaling is an
 * ordinary declaration: the ids that appear start, the ones that go stop.
 *
 * @param instance the index among the spec's instances, or null for a spec without them
 */
record WantedWorker(String id, WorkerSpec spec, Integer instance) {

    /** The workers {@code spec} stands for, in index order. */
    static List<WantedWorker> of(WorkerSpec spec) {
        String base = spec.effectiveId();
        if (spec.instances() == null) {
            return List.of(new WantedWorker(base, spec, null));
        }
        List<WantedWorker> wanted = new ArrayList<>(spec.instances());
        for (int index = 0; index < spec.instances(); index++) {
            wanted.add(new WantedWorker(WorkerIds.instance(base, index), spec, index));
        }
        return wanted;
    }

    /** How many workers {@code specs} stand for, without expanding them (a null spec counts as one, refused later). */
    static long count(List<WorkerSpec> specs) {
        long count = 0;
        for (WorkerSpec spec : specs) {
            count += spec == null || spec.instances() == null ? 1 : spec.instances();
        }
        return count;
    }

    /** The index the worker's runtime tells it ({@code CoveyWorker.instance()}): 0 without instances. */
    int index() {
        return instance == null ? 0 : instance;
    }
}
