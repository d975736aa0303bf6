package io.covey.bench.child;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import io.covey.core.launch.ChildLaunchSettings;

/** Child JVM command lines and what /proc says about processes. */
public final class Processes {
    private Processes() {
    }

    /** The java running the harness: the floor, Covey's children and the peers' children all use it. */
    public static String javaBinary() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    /**
     * {@code java <Covey's default child flags> -cp <this class path> main args}: the same java,
     * flags and class path Covey gives its children, so the floor differs only in what runs.
     */
    public static List<String> javaCommand(String mainClass, String... args) {
        List<String> command = new ArrayList<>();
        command.add(javaBinary());
        command.addAll(ChildLaunchSettings.DEFAULT_JVM_OPTIONS);
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add(mainClass);
        command.addAll(List.of(args));
        return command;
    }

    /** Resident set size in MiB, or NaN when the process is gone. */
    public static double rssMiB(long pid) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/" + pid + "/status"))) {
                if (line.startsWith("VmRSS:")) {
                    return Long.parseLong(line.replaceAll("[^0-9]", "")) / 1024.0;
                }
            }
        } catch (IOException | RuntimeException e) {
            // gone
        }
        return Double.NaN;
    }

    /**
     * CPU time (user + system) the process used so far, in ms; on a shared machine a steadier
     * measure of cost than wall time. Assumes the usual 100 clock ticks per second.
     */
    public static double cpuMillis(long pid) {
        try {
            String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
            String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            return (Long.parseLong(fields[11]) + Long.parseLong(fields[12])) * 10.0;
        } catch (IOException | RuntimeException e) {
            return Double.NaN;
        }
    }

    /** SIGKILL, like {@code kill -9}. */
    public static void kill9(long pid) {
        ProcessHandle.of(pid).ifPresent(ProcessHandle::destroyForcibly);
    }

    public static void killAll(Iterable<Long> pids) {
        pids.forEach(Processes::kill9);
    }

    /** Starts a process whose output goes to a file (so a full pipe can never stall it). */
    public static Process start(List<String> command, Path log) throws IOException {
        return new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
    }
}
