package io.covey.engine.foreign;

import java.io.File;
import java.io.IOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.CodeSource;
import java.util.ArrayList;
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
        } else if (settings.inheritClassPath() || workerClasses == null) {
            entries.addAll(hostClassPath());
        } else {
            Optional<List<String>> lean = lean(workerClasses);
            // A runtime class whose origin is no plain file or directory (a jar nested in the host's own
            // jar, say) cannot be handed to a child: give it the host's class path, as before lean ones.
            entries.addAll(lean.orElseGet(ChildClassPath::hostClassPath));
        }
        entries.addAll(settings.extraClassPath());
        entries.addAll(workerPathJars(settings.workerPath()));
        return List.copyOf(entries);
    }

    private static Optional<List<String>> lean(Collection<Class<?>> workerClasses) {
        List<String> entries = new ArrayList<>();
        for (String name : RUNTIME_CLASSES) {
            Optional<String> source = loadable(name).flatMap(ChildClassPath::codeSource);
            if (source.isEmpty()) {
                return Optional.empty();
            }
            entries.add(source.get());
        }
        for (Class<?> workerClass : workerClasses) {
            // A worker class without a file of its own (a JDK class, a generated one) adds nothing.
            codeSource(workerClass).ifPresent(entries::add);
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
    static Optional<String> codeSource(Class<?> type) {
        CodeSource source = type.getProtectionDomain().getCodeSource();
        URL location = source == null ? null : source.getLocation();
        if (location == null || !"file".equals(location.getProtocol())) {
            return Optional.empty();
        }
        try {
            Path path = Path.of(location.toURI());
            return Files.exists(path) ? Optional.of(path.toAbsolutePath().toString()) : Optional.empty();
        } catch (URISyntaxException | IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    private static List<String> hostClassPath() {
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
