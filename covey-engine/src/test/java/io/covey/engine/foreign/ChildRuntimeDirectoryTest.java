package io.covey.engine.foreign;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.OutputStream;
import java.net.URL;
import java.net.URLConnection;
import java.net.URLStreamHandler;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.jar.JarOutputStream;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What {@code java -jar} needs: the jars nested in an executable jar, as files a child can use. */
class ChildRuntimeDirectoryTest {
    @TempDir
    Path temp;

    @Test
    void readsSpringBootsNestedLocations() throws Exception {
        URL lib = bootLocation("nested:/opt/my%20app/host.jar/!BOOT-INF/lib/jackson-core-3.1.4.jar!/");
        URL classes = bootLocation("nested:/opt/host.jar/!BOOT-INF/classes/!/");

        assertThat(NestedJarEntry.of(lib)).contains(new NestedJarEntry(Path.of("/opt/my app/host.jar"), "BOOT-INF/lib/jackson-core-3.1.4.jar"));
        assertThat(NestedJarEntry.of(classes)).hasValueSatisfying(entry -> {
            assertThat(entry.entry()).isEqualTo("BOOT-INF/classes/");
            assertThat(entry.isDirectory()).isTrue();
        });
        assertThat(NestedJarEntry.of(new URL("file:/opt/lib/a.jar"))).isEmpty();
        assertThat(NestedJarEntry.of(new URL("jar:file:/opt/lib/a.jar!/"))).isEmpty();
    }

    @Test
    void laysANestedJarOutOnceUnderTheDigestOfTheExecutableJar() throws Exception {
        byte[] nested = jarBytes("x/A.class", "a");
        Path executable = executableJar(temp.resolve("host.jar"), nested);
        ChildRuntimeDirectory runtime = ChildRuntimeDirectory.at(temp.resolve("runtime"));

        Path copy = runtime.localCopy(new NestedJarEntry(executable, "BOOT-INF/lib/a.jar"));

        assertThat(copy.getParent().getParent().getParent().getParent()).isEqualTo(temp.resolve("runtime"));
        assertThat(copy.getParent().getParent().getParent().getFileName().toString()).matches("[0-9a-f]{64}");
        assertThat(copy).endsWith(Path.of("BOOT-INF/lib/a.jar"));
        assertThat(Files.readAllBytes(copy)).isEqualTo(nested);
        FileTime written = Files.getLastModifiedTime(copy);
        assertThat(runtime.localCopy(new NestedJarEntry(executable, "BOOT-INF/lib/a.jar"))).isEqualTo(copy);
        assertThat(Files.getLastModifiedTime(copy)).as("not written again").isEqualTo(written);
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(temp.resolve("runtime")))).isEqualTo("rwx------");
    }

    @Test
    void aDirectoryOfClassesBecomesAJarOfItsContent() throws Exception {
        Path executable = executableJar(temp.resolve("host.jar"), jarBytes("x/A.class", "a"));

        Path copy = ChildRuntimeDirectory.at(temp.resolve("runtime")).localCopy(new NestedJarEntry(executable, "BOOT-INF/classes/"));

        assertThat(copy.getFileName()).hasToString("classes.jar");
        try (JarFile jar = new JarFile(copy.toFile())) {
            assertThat(new String(jar.getInputStream(jar.getJarEntry("app/Main.class")).readAllBytes(), StandardCharsets.UTF_8))
                    .isEqualTo("main");
            assertThat(jar.getJarEntry("BOOT-INF/classes/app/Main.class")).isNull();
        }
    }

    @Test
    void aRebuiltJarGetsADirectoryOfItsOwn() throws Exception {
        ChildRuntimeDirectory runtime = ChildRuntimeDirectory.at(temp.resolve("runtime"));
        Path first = runtime.localCopy(new NestedJarEntry(executableJar(temp.resolve("one.jar"), jarBytes("x/A.class", "1")), "BOOT-INF/lib/a.jar"));
        Path second = runtime.localCopy(new NestedJarEntry(executableJar(temp.resolve("two.jar"), jarBytes("x/A.class", "2")), "BOOT-INF/lib/a.jar"));

        assertThat(first.getParent().getParent().getParent()).isNotEqualTo(second.getParent().getParent().getParent());
        assertThat(Files.readAllBytes(first)).isNotEqualTo(Files.readAllBytes(second));
    }

    @Test
    void manyLaunchesAtOnceShareOneCompleteCopy() throws Exception {
        byte[] nested = jarBytes("x/Big.class", "x".repeat(2_000_000));
        Path executable = executableJar(temp.resolve("host.jar"), nested);
        ChildRuntimeDirectory runtime = ChildRuntimeDirectory.at(temp.resolve("runtime"));
        ExecutorService threads = Executors.newFixedThreadPool(8);
        try {
            List<Callable<Path>> launches = IntStream.range(0, 16).<Callable<Path>>mapToObj(i ->
                    () -> runtime.localCopy(new NestedJarEntry(executable, "BOOT-INF/lib/a.jar"))).toList();
            for (Future<Path> copy : threads.invokeAll(launches)) {
                assertThat(Files.readAllBytes(copy.get())).isEqualTo(nested);
            }
        } finally {
            threads.shutdownNow();
        }
        Path copy = runtime.localCopy(new NestedJarEntry(executable, "BOOT-INF/lib/a.jar"));
        try (var files = Files.list(copy.getParent())) {
            assertThat(files.map(p -> p.getFileName().toString())).as("no temporary file left").containsExactly("a.jar");
        }
    }

    @Test
    void aCopyThatWentAwayIsLaidOutAgain() throws Exception {
        Path executable = executableJar(temp.resolve("host.jar"), jarBytes("x/A.class", "a"));
        ChildRuntimeDirectory runtime = ChildRuntimeDirectory.at(temp.resolve("runtime"));
        Path copy = runtime.localCopy(new NestedJarEntry(executable, "BOOT-INF/lib/a.jar"));
        Files.delete(copy);
        Files.delete(copy.getParent());

        assertThat(runtime.localCopy(new NestedJarEntry(executable, "BOOT-INF/lib/a.jar"))).isEqualTo(copy).isRegularFile();
    }

    @Test
    void directoriesNoLaunchUsedForAWeekAreRemoved() throws Exception {
        Path root = temp.resolve("runtime");
        Files.createDirectories(root.resolve("old-digest/BOOT-INF/lib"));
        Files.writeString(root.resolve("old-digest/BOOT-INF/lib/a.jar"), "old");
        Files.setLastModifiedTime(root.resolve("old-digest"), FileTime.from(Instant.now().minus(ChildRuntimeDirectory.UNUSED_FOR.plusDays(1))));
        Files.createDirectories(root.resolve("recent-digest"));

        ChildRuntimeDirectory.at(root).localCopy(new NestedJarEntry(executableJar(temp.resolve("host.jar"), jarBytes("x/A.class", "a")), "BOOT-INF/lib/a.jar"));

        assertThat(root.resolve("old-digest")).doesNotExist();
        assertThat(root.resolve("recent-digest")).exists();
    }

    @Test
    void refusesADirectoryOthersMayWriteTo() throws Exception {
        Path root = Files.createDirectories(temp.resolve("shared"));
        Files.setPosixFilePermissions(root, PosixFilePermissions.fromString("rwxrwxrwx"));
        Path executable = executableJar(temp.resolve("host.jar"), jarBytes("x/A.class", "a"));

        ChildRuntimeDirectory runtime = ChildRuntimeDirectory.at(root);
        for (int launch = 0; launch < 2; launch++) { // refused at every launch, not only the first
            assertThatThrownBy(() -> runtime.localCopy(new NestedJarEntry(executable, "BOOT-INF/lib/a.jar")))
                    .isInstanceOf(IOException.class)
                    .hasMessageContaining(root.toString()).hasMessageContaining("rwxrwxrwx").hasMessageContaining("covey.worker.runtime-directory");
        }
    }

    @Test
    void anEntryTheJarDoesNotHaveIsAnErrorNamingIt() throws Exception {
        Path executable = executableJar(temp.resolve("host.jar"), jarBytes("x/A.class", "a"));

        assertThatThrownBy(() -> ChildRuntimeDirectory.at(temp.resolve("runtime")).localCopy(new NestedJarEntry(executable, "BOOT-INF/lib/gone.jar")))
                .isInstanceOf(IOException.class).hasMessageContaining("BOOT-INF/lib/gone.jar");
    }

    /** A {@code jar:nested:} URL as Spring Boot's launcher makes them (the JDK's jar handler cannot parse its own). */
    private static URL bootLocation(String path) throws IOException {
        return new URL("jar", "", -1, path, new URLStreamHandler() {
            @Override
            protected URLConnection openConnection(URL url) {
                throw new UnsupportedOperationException();
            }
        });
    }

    /** A jar laid out like Spring Boot's: a stored nested jar under BOOT-INF/lib and classes under BOOT-INF/classes. */
    private static Path executableJar(Path file, byte[] nestedJar) throws IOException {
        try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(file))) {
            JarEntry lib = new JarEntry("BOOT-INF/lib/a.jar");
            lib.setMethod(JarEntry.STORED);
            lib.setSize(nestedJar.length);
            java.util.zip.CRC32 crc = new java.util.zip.CRC32();
            crc.update(nestedJar);
            lib.setCrc(crc.getValue());
            out.putNextEntry(lib);
            out.write(nestedJar);
            out.closeEntry();
            out.putNextEntry(new JarEntry("BOOT-INF/classes/"));
            out.closeEntry();
            out.putNextEntry(new JarEntry("BOOT-INF/classes/app/Main.class"));
            out.write("main".getBytes(StandardCharsets.UTF_8));
            out.closeEntry();
        }
        return file;
    }

    private static byte[] jarBytes(String entry, String content) throws IOException {
        java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
        try (OutputStream raw = bytes; JarOutputStream out = new JarOutputStream(raw)) {
            out.putNextEntry(new JarEntry(entry));
            out.write(content.getBytes(StandardCharsets.UTF_8));
            out.closeEntry();
        }
        return bytes.toByteArray();
    }
}
