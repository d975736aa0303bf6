package io.covey.core.manifest;

import java.util.Objects;

/**
 * A worker type the manifest knows of but cannot run: its class did not load (a missing
 * dependency, a jar built against other classes). Declaring it is refused with the reason; every
 * other type works.
 *
 * @param name      the type name
 * @param className the worker class
 * @param reason    why it cannot run, in words a person can act on
 */
public record UnavailableWorkerType(String name, String className, String reason) {
    public UnavailableWorkerType {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(className, "className");
        Objects.requireNonNull(reason, "reason");
    }
}
