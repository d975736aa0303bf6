package io.covey.packaged;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

/** The packaged artifacts of this build, where {@code mvn package} leaves them. */
final class Artifacts {
    private Artifacts() {
    }

    static Path repository() {
        return Path.of(System.getProperty("covey.repository", "..")).toAbsolutePath().normalize();
    }

    static Path hostExecJar() {
        return only(repository().resolve("covey-host/target"), "covey-host-", "-exec.jar");
    }

    static Path demoWorkersJar() {
        return only(repository().resolve("covey-demo/target/workers"), "covey-demo-", "-workers.jar");
    }

    static Path jSerialCommJar() {
        return only(repository().resolve("covey-demo/target/workers"), "jSerialComm-", ".jar");
    }

    static Path java() {
        return Path.of(System.getProperty("java.home"), "bin", "java");
    }

    /** A worker directory holding copies of these jars, as a user would lay one out. */
    static Path workerDirectory(Path directory, Path... jars) throws IOException {
        Files.createDirectories(directory);
        for (Path jar : jars) {
            Files.copy(jar, directory.resolve(jar.getFileName()));
        }
        return directory;
    }

    static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Path only(Path directory, String prefix, String suffix) {
        try (Stream<Path> files = Files.list(directory)) {
            return files.filter(p -> p.getFileName().toString().startsWith(prefix) && p.getFileName().toString().endsWith(suffix))
                    .reduce((a, b) -> {
                        throw new IllegalStateException("more than one " + prefix + "*" + suffix + " in " + directory);
                    })
                    .orElseThrow(() -> new IllegalStateException("no " + prefix + "*" + suffix + " in " + directory
                            + ": these tests run in mvn verify, after the jars are packaged"));
        } catch (IOException e) {
            throw new IllegalStateException(directory + " is missing: these tests run in mvn verify, after the jars are packaged", e);
        }
    }
}
