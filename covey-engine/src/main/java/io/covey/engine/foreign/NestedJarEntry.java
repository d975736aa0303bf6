package io.covey.engine.foreign;

import java.net.URI;
import java.net.URL;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Where a class was loaded from when the host runs from an executable jar: an entry of that jar,
 * {@code BOOT-INF/lib/jackson-core-3.1.4.jar} or the directory {@code BOOT-INF/classes/}. Spring
 * Boot's launcher gives such classes the code source
 * {@code jar:nested:/path/app.jar/!BOOT-INF/lib/x.jar!/}, which a child JVM's class path cannot use.
 *
 * @param outerJar the executable jar, absolute
 * @param entry    the nested jar's entry name, or a directory entry name ending in {@code /}
 */
record NestedJarEntry(Path outerJar, String entry) {
    private static final String PREFIX = "nested:";
    private static final String SEPARATOR = "/!";

    NestedJarEntry {
        if (entry.isEmpty() || entry.startsWith("/") || entry.contains("..")) {
            throw new IllegalArgumentException("not a usable nested entry: " + entry);
        }
    }

    /** The nested entry a {@code jar:nested:} location names; empty for any other location. */
    static Optional<NestedJarEntry> of(URL location) {
        if (location == null || !"jar".equals(location.getProtocol())) {
            return Optional.empty();
        }
        String path = location.getPath();
        if (!path.startsWith(PREFIX)) {
            return Optional.empty();
        }
        path = path.substring(PREFIX.length());
        if (path.endsWith("!/")) {
            path = path.substring(0, path.length() - 2);
        }
        int separator = path.lastIndexOf(SEPARATOR);
        if (separator <= 0) {
            return Optional.empty();
        }
        try {
            // The launcher percent-encodes the outer path (a space is %20); a file URI decodes it.
            Path outer = Path.of(URI.create("file://" + path.substring(0, separator)));
            return Optional.of(new NestedJarEntry(outer.toAbsolutePath(), path.substring(separator + SEPARATOR.length())));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    /** Whether the entry is a directory of classes (the application's own {@code BOOT-INF/classes/}). */
    boolean isDirectory() {
        return entry.endsWith("/");
    }
}
