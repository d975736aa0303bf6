package io.covey.engine.foreign;

import java.io.File;
import java.io.IOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.CodeSource;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import io.covey.child.ChildMain;
import io.covey.core.launch.ChildLaunchSettings;
import io.covey.core.worker.CoveyWorker;

/**
 * The class path of a child JVM. By default it is lean: the child runtime and what it needs
 * (covey-child, covey-core, Jackson), then where each worker class was loaded from, then the
 * configured extra entries and the jars of the worker path. Nothing of the host's own stack (a
 * web server, Spring) reaches a child unless {@link ChildLaunchSettings#inheritClassPath()} asks
 * for the host's whole class path.
 * <p>
 * When the host runs from an executable jar ({@code java -jar covey-host-*-exec.jar}), those
 * classes come from jars nested in it, which a child's class path cannot name: they are laid out
 * as plain files once, in the {@link ChildRuntimeDirectory}, and the child gets those.
 */
final class ChildClassPath {
    /** One class from each artifact the child runtime needs at run time. */
    private static final List<String> RUNTIME_CLASSES = List.of(
            ChildMain.class.getName(),
            CoveyWorker.class.getName(),
            "tools.jackson.databind.json.JsonMapper",
            "tools.jackson.core.JsonParser",
            "com.fasterxml.jackson.annotation.JsonProperty");

    private ChildClassPath() {
    }

    /**
     * @param workerClasses the worker classes a child may be asked to run (the manifest's, or the one of a launch);
     *                      null when they are not known, which gives the child the host's class path
     */
    static List<String> of(ChildLaunchSettings settings, Collection<Class<?>> workerClasses) throws IOException {
        Set<String> entries = new LinkedHashSet<>();
        if (!settings.classPath().isEmpty()) {
            entries.addAll(settings.classPath());
        } else {
            ChildRuntimeDirectory runtime = ChildRuntimeDirectory.at(settings.runtimeDirectory());
            if (settings.inheritClassPath() || workerClasses == null) {
                entries.addAll(hostClassPath(runtime));
            } else {
                // A runtime class whose origin a child cannot use in any form (a class made at run time, an
                // exotic class loader) leaves the host's class path, as before lean ones.
                Optional<List<String>> lean = lean(workerClasses, runtime);
                entries.addAll(lean.isPresent() ? lean.get() : hostClassPath(runtime));
            }
        }
        entries.addAll(settings.extraClassPath());
        entries.addAll(workerPathJars(settings.workerPath()));
        return List.copyOf(entries);
    }

    private static Optional<List<String>> lean(Collection<Class<?>> workerClasses, ChildRuntimeDirectory runtime)
            throws IOException {
        List<String> entries = new ArrayList<>();
        for (String name : RUNTIME_CLASSES) {
            Optional<Class<?>> type = loadable(name);
            Optional<String> source = type.isPresent() ? codeSource(type.get(), runtime) : Optional.empty();
            if (source.isEmpty()) {
                return Optional.empty();
            }
            entries.add(source.get());
        }
        for (Class<?> workerClass : workerClasses) {
            // A worker class without a file of its own (a JDK class, a generated one) adds nothing.
            codeSource(workerClass, runtime).ifPresent(entries::add);
        }
        return Optional.of(entries);
    }

    private static Optional<Class<?>> loadable(String name) {
        try {
            return Optional.of(Class.forName(name, false, ChildClassPath.class.getClassLoader()));
        } catch (ClassNotFoundException e) {
            return Optional.empty();
        }
    }

    /** Where a class was loaded from, as a path a child JVM can use; empty for anything else. */
    static Optional<String> codeSource(Class<?> type, ChildRuntimeDirectory runtime) throws IOException {
        CodeSource source = type.getProtectionDomain().getCodeSource();
        return location(source == null ? null : source.getLocation(), runtime);
    }

    /** A class path location as a path a child JVM can use: a file, or a nested jar laid out as one. */
    private static Optional<String> location(URL location, ChildRuntimeDirectory runtime) throws IOException {
        if (location == null) {
            return Optional.empty();
        }
        Optional<NestedJarEntry> nested = NestedJarEntry.of(location);
        if (nested.isPresent()) {
            return Optional.of(runtime.localCopy(nested.get()).toString());
        }
        if (!"file".equals(location.getProtocol())) {
            return Optional.empty();
        }
        try {
            Path path = Path.of(location.toURI());
            return Files.exists(path) ? Optional.of(path.toAbsolutePath().toString()) : Optional.empty();
        } catch (URISyntaxException | IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    /**
     * The host's class path. Run from an executable jar, {@code java.class.path} is that jar alone,
     * whose nested jars a child cannot use: the class loader's entries, laid out as files, stand in.
     */
    private static List<String> hostClassPath(ChildRuntimeDirectory runtime) throws IOException {
        if (ChildClassPath.class.getClassLoader() instanceof URLClassLoader loader
                && Arrays.stream(loader.getURLs()).anyMatch(url -> NestedJarEntry.of(url).isPresent())) {
            List<String> entries = new ArrayList<>();
            for (URL url : loader.getURLs()) {
                location(url, runtime).ifPresent(entries::add);
            }
            return entries;
        }
        List<String> entries = new ArrayList<>();
        for (String entry : System.getProperty("java.class.path", "").split(File.pathSeparator)) {
            if (!entry.isEmpty()) {
                entries.add(entry);
            }
        }
        return entries;
    }

    private static List<String> workerPathJars(Path workerPath) throws IOException {
        if (workerPath == null) {
            return List.of();
        }
        List<String> jars = new ArrayList<>();
        try (DirectoryStream<Path> stream = Files.newDirectoryStream(workerPath, "*.jar")) {
            stream.forEach(jar -> jars.add(jar.toAbsolutePath().toString()));
        } catch (IOException e) {
            throw new IOException("cannot list the jars of workerPath " + workerPath + ": " + e.getMessage(), e);
        }
        jars.sort(null);
        return jars;
    }
}
