package io.covey.demo;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;

import io.covey.core.spec.RestartPolicy;
import io.covey.core.spec.WorkerOptions;
import io.covey.core.spec.WorkerSpec;
import io.covey.demo.workers.StreamSerialPortToHttp;

/** Declarations and checks the serial tests share. */
final class SerialTesting {
    /** Quick restarts, no jitter and a limit no test reaches, so a replugged device is picked up at once. */
    static final WorkerOptions QUICK_RESTARTS = WorkerOptions.NONE.withForeign(true)
            .withBackoff(Duration.ofMillis(200), Duration.ofSeconds(1), 0.0, Duration.ofMinutes(1))
            .withRestartLimit(100, Duration.ofMinutes(10));

    private SerialTesting() {
    }

    static WorkerSpec serialWorker(String id, Path device, int baudrate, int port, WorkerOptions options) {
        return WorkerSpec.of("StreamSerialPortToHttp", new StreamSerialPortToHttp.Params(device.toString(), baudrate, port))
                .withId(id).withOptions(options);
    }

    static WorkerSpec serialWorker(String id, Path device, int port) {
        return serialWorker(id, device, 115200, port, QUICK_RESTARTS);
    }

    static WorkerOptions noRestarts() {
        return WorkerOptions.NONE.withForeign(true).withRestart(RestartPolicy.NEVER);
    }

    /** A TCP port nobody listens on right now. */
    static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    /** Whether a server may listen on {@code port} again, on every interface as the worker does. */
    static boolean portIsFree(int port) {
        try (ServerSocket socket = new ServerSocket(port)) {
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    /** Every byte value, 0x00 to 0xFF and back, plus runs of the two the stream must not mangle. */
    static byte[] everyByte() {
        byte[] bytes = new byte[512 + 64];
        for (int i = 0; i < 256; i++) {
            bytes[i] = (byte) i;
            bytes[511 - i] = (byte) i;
        }
        for (int i = 512; i < bytes.length; i++) {
            bytes[i] = (byte) (i % 2 == 0 ? 0x00 : 0xFF);
        }
        return bytes;
    }

    /** The processes other than {@code except} that have {@code device} open, read from /proc. */
    static List<Long> processesHolding(Path device, long except) throws IOException {
        Path real = device.toRealPath();
        try (Stream<Path> processes = Files.list(Path.of("/proc"))) {
            return processes.filter(p -> p.getFileName().toString().matches("\\d+"))
                    .filter(p -> Long.parseLong(p.getFileName().toString()) != except)
                    .filter(p -> holds(p, real))
                    .map(p -> Long.parseLong(p.getFileName().toString()))
                    .toList();
        }
    }

    private static boolean holds(Path process, Path device) {
        try (Stream<Path> fds = Files.list(process.resolve("fd"))) {
            return fds.anyMatch(fd -> {
                try {
                    return Files.readSymbolicLink(fd).equals(device);
                } catch (IOException e) {
                    return false;
                }
            });
        } catch (IOException | SecurityException e) {
            // The process ended while we looked, or is not ours to look at.
            return false;
        }
    }
}
