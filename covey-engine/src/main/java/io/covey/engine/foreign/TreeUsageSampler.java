package io.covey.engine.foreign;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import io.covey.engine.launch.ResourceUsage;

/**
 * Reads what a child's process tree uses: the resident memory of each process from
 * {@code /proc/<pid>/status} ({@code VmRSS}, in kB whatever the page size), and its CPU time from
 * {@link ProcessHandle.Info#totalCpuDuration()}, which the JDK reads from {@code /proc/<pid>/stat}
 * and converts with the system's real clock-tick rate ({@code sysconf(_SC_CLK_TCK)}), so no tick
 * rate is assumed here. CPU percent is the CPU time of the tree between two samples over the wall
 * time between them. A process that ends between listing and reading counts as nothing. Without
 * /proc (not Linux) memory reads as absent and no figure is reported.
 */
final class TreeUsageSampler {
    private static final Path PROC = Path.of("/proc");

    private long lastCpuNanos = -1;
    private long lastWallNanos;

    /** Whether this system has a /proc to read. */
    static boolean available() {
        return Files.isReadable(PROC.resolve("self").resolve("status"));
    }

    /** One sample of {@code root} and {@code descendants}; empty when the root's memory cannot be read (it is gone). */
    synchronized Optional<ResourceUsage> sample(ProcessHandle root, Iterable<ProcessHandle> descendants) {
        List<ProcessHandle> tree = new ArrayList<>();
        tree.add(root);
        descendants.forEach(tree::add);
        long memory = 0;
        long cpuNanos = 0;
        int counted = 0;
        for (ProcessHandle process : tree) {
            if (!process.isAlive()) {
                continue;
            }
            long resident = residentBytes(process.pid());
            if (resident < 0) {
                if (process == root) {
                    return Optional.empty();
                }
                continue;
            }
            memory += resident;
            cpuNanos += process.info().totalCpuDuration().map(Duration::toNanos).orElse(0L);
            counted++;
        }
        if (counted == 0) {
            return Optional.empty();
        }
        long now = System.nanoTime();
        Double percent = null;
        if (lastCpuNanos >= 0 && now > lastWallNanos) {
            percent = Math.max(0, cpuNanos - lastCpuNanos) * 100.0 / (now - lastWallNanos);
            percent = Math.round(percent * 10) / 10.0;
        }
        lastCpuNanos = cpuNanos;
        lastWallNanos = now;
        return Optional.of(new ResourceUsage(memory, percent, counted));
    }

    /** VmRSS of one process in bytes, or -1 when it cannot be read (gone, a kernel thread, no /proc). */
    static long residentBytes(long pid) {
        try {
            for (String line : Files.readAllLines(PROC.resolve(Long.toString(pid)).resolve("status"))) {
                if (line.startsWith("VmRSS:")) {
                    String[] parts = line.substring(6).trim().split("\\s+");
                    return Long.parseLong(parts[0]) * 1024;
                }
            }
            return -1;
        } catch (IOException | RuntimeException e) {
            return -1;
        }
    }
}
