package io.covey.host.workerpath;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.jar.JarFile;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;

import io.covey.core.manifest.WorkerTypeIndex;

/**
 * The jars of a worker directory ({@code covey.host.worker-path}): the host loads worker classes
 * from them, and foreign children get the same jars on their class path. Each worker jar says
 * which types it holds in its index ({@value WorkerTypeIndex#RESOURCE}, written when it was built).
 */
public final class WorkerJars {
    static final String LOADER_NAME = "covey-workers";

    private WorkerJars() {
    }

    /** The {@code .jar} files directly in {@code directory}, sorted by name so the class path is stable. */
    public static List<Path> in(Path directory) {
        if (!Files.isDirectory(directory)) {
            throw new IllegalArgumentException("covey.host.worker-path " + directory + " is not a directory");
        }
        try (Stream<Path> files = Files.list(directory)) {
            return files.filter(p -> p.getFileName().toString().endsWith(".jar")).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list the worker jars in " + directory, e);
        }
    }

    /** A class loader over the worker jars, whose parent sees the host's own classes. */
    public static ClassLoader classLoader(Path directory, ClassLoader parent) {
        URL[] urls = in(directory).stream().map(WorkerJars::url).toArray(URL[]::new);
        return new URLClassLoader(LOADER_NAME, urls, parent);
    }

    /**
     * {@code current} when it already is the worker jars' loader (the host's main sets it up before
     * the context starts), else a new one over them: an application embedding the host gets the
     * worker path's types too.
     */
    public static ClassLoader classLoaderFor(Path directory, ClassLoader current) {
        if (current instanceof URLClassLoader loader && LOADER_NAME.equals(loader.getName())) {
            return current;
        }
        return classLoader(directory, current);
    }

    /**
     * The jar's index of worker types; empty when it has none (a library, or a jar built without
     * covey-core's annotation processor).
     *
     * @throws IOException naming the jar when it cannot be read, or when its index is malformed
     */
    public static Optional<List<WorkerTypeIndex.Entry>> index(Path jar) throws IOException {
        try (JarFile file = new JarFile(jar.toFile())) {
            ZipEntry entry = file.getEntry(WorkerTypeIndex.RESOURCE);
            if (entry == null) {
                return Optional.empty();
            }
            try (InputStream in = file.getInputStream(entry)) {
                return Optional.of(WorkerTypeIndex.read(in));
            } catch (IllegalArgumentException e) {
                throw new IOException(WorkerTypeIndex.RESOURCE + " in " + jar.getFileName() + " is malformed: " + e.getMessage(), e);
            }
        }
    }

    private static URL url(Path jar) {
        try {
            return jar.toUri().toURL();
        } catch (MalformedURLException e) {
            throw new IllegalArgumentException("not a usable jar path: " + jar, e);
        }
    }
}
