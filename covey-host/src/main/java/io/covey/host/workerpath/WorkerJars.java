package io.covey.host.workerpath;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/**
 * The jars of a worker directory ({@code covey.host.worker-path}): the host loads worker classes
 * from them, and foreign children get the same jars on their class path.
 */
public final class WorkerJars {
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
        return new URLClassLoader("covey-workers", urls, parent);
    }

    private static URL url(Path jar) {
        try {
            return jar.toUri().toURL();
        } catch (MalformedURLException e) {
            throw new IllegalArgumentException("not a usable jar path: " + jar, e);
        }
    }
}
