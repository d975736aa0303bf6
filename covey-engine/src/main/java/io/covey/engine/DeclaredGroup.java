package io.covey.engine;

import java.util.LinkedHashSet;
import java.util.Set;

/** A group's declaration: the ids of its workers, in declaration order. */
final class DeclaredGroup {
    final String name;
    final Set<String> workerIds = new LinkedHashSet<>();

    DeclaredGroup(String name) {
        this.name = name;
    }
}
