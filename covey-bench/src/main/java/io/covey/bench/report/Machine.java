package io.covey.bench.report;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

/** What the numbers were measured on: they mean little without it. */
public final class Machine {
    private Machine() {
    }

    public static String describe() {
        Runtime runtime = Runtime.getRuntime();
        return "date " + Instant.now().truncatedTo(ChronoUnit.SECONDS)
                + " · " + cpuModel() + ", " + runtime.availableProcessors() + " cores"
                + " · RAM " + memTotalMiB() + " MiB"
                + " · " + System.getProperty("os.name") + " " + System.getProperty("os.version")
                + " · JDK " + System.getProperty("java.vm.vendor") + " " + System.getProperty("java.runtime.version");
    }

    /** The 1, 5 and 15 minute load averages: how busy the shared machine was. */
    public static String loadAverage() {
        try {
            String[] parts = Files.readString(Path.of("/proc/loadavg")).trim().split("\\s+");
            return parts[0] + " " + parts[1] + " " + parts[2];
        } catch (IOException e) {
            return "unknown";
        }
    }

    private static String cpuModel() {
        try {
            return Files.readAllLines(Path.of("/proc/cpuinfo")).stream().filter(l -> l.startsWith("model name"))
                    .map(l -> l.substring(l.indexOf(':') + 1).trim()).findFirst().orElse("unknown CPU");
        } catch (IOException e) {
            return "unknown CPU";
        }
    }

    private static long memTotalMiB() {
        try {
            return Files.readAllLines(Path.of("/proc/meminfo")).stream().filter(l -> l.startsWith("MemTotal:"))
                    .mapToLong(l -> Long.parseLong(l.replaceAll("[^0-9]", "")) / 1024).findFirst().orElse(-1);
        } catch (IOException e) {
            return -1;
        }
    }
}
