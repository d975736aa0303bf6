package io.covey.core.spec;

/** Anything that can be put into a group: a {@link WorkerSpec}, or a worker instance that knows its own spec. */
public interface WorkerDeclaration {
    WorkerSpec toSpec();
}
