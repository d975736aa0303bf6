package io.covey.demo;

import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * A pseudo-terminal pair made by socat, standing in for a serial device and its far end:
 * {@code device()} is what the worker opens, {@code write} feeds bytes in at the other end.
 * Both are symbolic links in a directory of the test's, so a pair started again under the same
 * names looks like a device plugged back in.
 */
public final class SocatPair implements AutoCloseable {
    private final Path device;
    private final Path farEnd;
    private final Process socat;

    private SocatPair(Path device, Path farEnd, Process socat) {
        this.device = device;
        this.farEnd = farEnd;
        this.socat = socat;
    }

    public static SocatPair start(Path directory, String name) throws IOException {
        return start(directory, name + "A", name + "B");
    }

    /** A pair whose links have exactly these names, e.g. a device link {@code tty1} that has a twin in /dev. */
    public static SocatPair start(Path directory, String deviceName, String farEndName) throws IOException {
        requireSocat();
        String name = deviceName;
        Path device = directory.resolve(deviceName);
        Path farEnd = directory.resolve(farEndName);
        Process socat = new ProcessBuilder("socat", "pty,raw,echo=0,link=" + device, "pty,raw,echo=0,link=" + farEnd)
                .redirectErrorStream(true)
                .redirectOutput(directory.resolve(name + "-socat.log").toFile())
                .start();
        SocatPair pair = new SocatPair(device, farEnd, socat);
        try {
            await().atMost(Duration.ofSeconds(10)).until(() -> !socat.isAlive() || (Files.exists(device) && Files.exists(farEnd)));
        } catch (RuntimeException e) {
            pair.close();
            throw e;
        }
        if (!socat.isAlive()) {
            throw new IllegalStateException("socat exited with " + socat.exitValue() + ": "
                    + Files.readString(directory.resolve(name + "-socat.log")));
        }
        return pair;
    }

    /** Skips the test on a machine without socat; under CI (CI=true) its absence is an error, since .ci/run installs it. */
    private static void requireSocat() {
        boolean present = java.util.Arrays.stream(System.getenv().getOrDefault("PATH", "").split(java.io.File.pathSeparator))
                .anyMatch(dir -> Files.isExecutable(Path.of(dir, "socat")));
        boolean ci = "true".equalsIgnoreCase(System.getenv("CI"));
        org.junit.jupiter.api.Assumptions.assumeTrue(present || ci,
                "socat is not installed: install Debian's socat to run the serial end-to-end tests");
        if (!present) {
            throw new IllegalStateException("CI=true but socat is missing: .ci/run installs it");
        }
    }

    public Path device() {
        return device;
    }

    long pid() {
        return socat.pid();
    }

    /** The pts the device link points to now (it changes when the pair is made again). */
    Path resolvedDevice() throws IOException {
        return device.toRealPath();
    }

    /** Writes bytes into the far end, from where they come out of {@link #device()}. */
    public void write(byte[] bytes) throws IOException {
        try (OutputStream out = Files.newOutputStream(farEnd)) {
            out.write(bytes);
        }
    }

    /**
     * Starts reading what comes out of the far end (what the worker writes to {@link #device()}),
     * on a daemon thread, until the pair is closed.
     */
    public FarEnd readFarEnd() throws IOException {
        return new FarEnd(Files.newInputStream(farEnd));
    }

    /** The bytes read from the far end so far. */
    public static final class FarEnd {
        private final java.io.ByteArrayOutputStream read = new java.io.ByteArrayOutputStream();

        private FarEnd(java.io.InputStream in) {
            Thread reader = new Thread(() -> {
                byte[] buffer = new byte[1024];
                try (in) {
                    for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
                        synchronized (read) {
                            read.write(buffer, 0, n);
                        }
                    }
                } catch (IOException ended) {
                    // the pair was closed
                }
            }, "socat-far-end");
            reader.setDaemon(true);
            reader.start();
        }

        public byte[] bytes() {
            synchronized (read) {
                return read.toByteArray();
            }
        }
    }

    /** Ends socat (SIGTERM: it removes its links) and waits until it is gone. */
    @Override
    public void close() {
        socat.destroy();
        try {
            if (!socat.waitFor(5, TimeUnit.SECONDS)) {
                socat.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            socat.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }
}
