package io.covey.worker.autoconfigure;

import io.covey.core.manifest.CoveyManifest;
import io.covey.core.worker.CoveyWorker;

/**
 * Adds worker types to the auto-configured {@link CoveyManifest}, after the scanned ones.
 * Declare any number of these as beans; they run in {@code @Order} order, and a type name
 * declared twice for different classes fails the context with the builder's message.
 * <p>
 * This is the way to add to the manifest. A {@code CoveyManifest} bean of the application's own
 * replaces the auto-configured one entirely (scan included): merging application manifests
 * into the auto-configured one would leave two beans of the same type for everyone who injects
 * the manifest. To fold a prebuilt manifest in, use {@link #including(CoveyManifest)}.
 */
@FunctionalInterface
public interface CoveyManifestCustomizer {

    void customize(CoveyManifest.Builder builder);

    /** A customizer that adds every type of {@code manifest}, e.g. one a library provides. */
    static CoveyManifestCustomizer including(CoveyManifest manifest) {
        return builder -> manifest.types().forEach(type -> builder.add(type.workerClass()));
    }

    /** A customizer that adds these worker classes. */
    @SafeVarargs
    static CoveyManifestCustomizer including(Class<? extends CoveyWorker<?>>... workerClasses) {
        return builder -> {
            for (Class<? extends CoveyWorker<?>> workerClass : workerClasses) {
                builder.add(workerClass);
            }
        };
    }
}
