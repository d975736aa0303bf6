package io.covey.host.workerpath;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import io.covey.core.manifest.CoveyManifest;
import io.covey.core.manifest.UnavailableWorkerType;
import io.covey.core.manifest.WorkerTypeIndex;
import io.covey.worker.autoconfigure.CoveyManifestCustomizer;

/**
 * Adds the worker types of the worker path to the manifest, as each jar's index lists them. A type
 * whose class does not load (a dependency missing from the directory) is listed unavailable with
 * the reason, logged once here, and refused when declared; the other types work. Package scanning
 * ({@code covey.worker.scan-packages}) is for an application's own classes and not needed here.
 */
public final class WorkerPathTypes implements CoveyManifestCustomizer {
    private static final System.Logger LOG = System.getLogger(WorkerPathTypes.class.getName());

    private final Path directory;
    private final ClassLoader loader;

    /** @param loader sees the jars of {@code directory} (see {@link WorkerJars#classLoaderFor}) */
    public WorkerPathTypes(Path directory, ClassLoader loader) {
        this.directory = directory;
        this.loader = loader;
    }

    @Override
    public void customize(CoveyManifest.Builder builder) {
        List<String> unindexed = new ArrayList<>();
        int added = 0;
        for (Path jar : WorkerJars.in(directory)) {
            String name = jar.getFileName().toString();
            Optional<List<WorkerTypeIndex.Entry>> index;
            try {
                index = WorkerJars.index(jar);
            } catch (IOException e) {
                LOG.log(System.Logger.Level.WARNING, "worker path: skipping " + name + ": " + e.getMessage());
                continue;
            }
            if (index.isEmpty()) {
                unindexed.add(name);
                continue;
            }
            for (WorkerTypeIndex.Entry entry : index.get()) {
                Optional<UnavailableWorkerType> broken = builder.addIndexed(entry, loader, name);
                if (broken.isPresent()) {
                    LOG.log(System.Logger.Level.WARNING, "worker type '" + entry.typeName() + "' is unavailable: "
                            + broken.get().reason() + "; declaring it is refused, the other types work");
                } else {
                    added++;
                }
            }
        }
        if (!unindexed.isEmpty()) {
            LOG.log(added == 0 ? System.Logger.Level.WARNING : System.Logger.Level.INFO, "worker path " + directory + ": "
                    + String.join(", ", unindexed) + " list no worker types (no " + WorkerTypeIndex.RESOURCE + "): libraries,"
                    + " or worker jars built without covey-core on the compiler's class path, whose types only"
                    + " covey.worker.scan-packages finds");
        }
        LOG.log(System.Logger.Level.INFO, "worker path " + directory + ": " + added + " worker type(s) from the jars' indexes");
    }
}
