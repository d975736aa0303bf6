package io.covey.core.boundaries;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/**
 * The class files a module compiled, read as bytes: a class refers to another only through its
 * constant pool, where the other's internal name ({@code org/springframework/...}) stands in plain
 * text. So "no class of module M mentions package P" is a plain search, with no library to keep.
 */
public record CompiledClasses(Path root, List<Path> files) {

    /** The class files of the output directory or jar that {@code member} was loaded from. */
    public static CompiledClasses besides(Class<?> member) {
        try {
            Path location = Path.of(member.getProtectionDomain().getCodeSource().getLocation().toURI());
            // A jar (a reactor build past the package phase) is read as a file system of its own, left
            // open for the rest of the test JVM: a few small handles, and the paths stay readable.
            Path root = Files.isDirectory(location) ? location
                    : FileSystems.newFileSystem(location, (ClassLoader) null).getPath("/");
            try (Stream<Path> files = Files.walk(root)) {
                return new CompiledClasses(root, files.filter(p -> p.toString().endsWith(".class")).sorted().toList());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The classes under one package (internal form, e.g. {@code io/covey/host/api}). */
    public CompiledClasses inPackage(String internalPackage) {
        Path dir = root.resolve(internalPackage);  // same file system as root, directory or jar
        return new CompiledClasses(root, files.stream().filter(f -> f.startsWith(dir)).toList());
    }

    /** The classes whose constant pool mentions any of these internal name prefixes, as paths relative to the root. */
    public List<String> mentioning(String... internalPrefixes) {
        return files.stream().filter(f -> mentionsAny(f, internalPrefixes)).map(f -> root.relativize(f).toString()).toList();
    }

    private static boolean mentionsAny(Path classFile, String[] prefixes) {
        try {
            String constantPool = new String(Files.readAllBytes(classFile), StandardCharsets.ISO_8859_1);
            for (String prefix : prefixes) {
                if (constantPool.contains(prefix)) {
                    return true;
                }
            }
            return false;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
