package io.covey.worker.launch;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * How the host launches the child JVM of a foreign worker. Plain values, bound from
 * {@code covey.worker.*} by the starter's auto-configuration, or built directly.
 *
 * @param javaBinary         the java executable; null means the one running the host
 * @param jvmOptions         options for every child JVM
 * @param classPath          the child's class path; empty means the host's own class path
 * @param extraClassPath     entries appended to the class path
 * @param workerPath         a directory whose jars are appended to the class path, or null
 * @param environmentAllowList host environment variables passed on to children (COVEY_* always are)
 * @param socketDirectory    where control sockets are created (in a private 0700 directory); null means the temp dir
 * @param transport          the control channel: a Unix domain socket or loopback TCP
 * @param heartbeatInterval  how often a child says it is alive
 * @param unresponsiveAfter  a child silent this long is unresponsive and is restarted
 * @param killGrace          the time between SIGTERM and SIGKILL at the end of the stop ladder
 * @param maxMessageBytes    the largest control message either side accepts
 */
public record ChildLaunchSettings(
        Path javaBinary,
        List<String> jvmOptions,
        List<String> classPath,
        List<String> extraClassPath,
        Path workerPath,
        List<String> environmentAllowList,
        Path socketDirectory,
        Transport transport,
        Duration heartbeatInterval,
        Duration unresponsiveAfter,
        Duration killGrace,
        int maxMessageBytes) {

    public static final List<String> DEFAULT_JVM_OPTIONS = List.of(
            "-XX:+ExitOnOutOfMemoryError", "-Xmx256m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-Xss512k");

    public static final List<String> DEFAULT_ENVIRONMENT_ALLOW_LIST = List.of(
            "PATH", "HOME", "USER", "LANG", "LC_ALL", "TZ", "TMPDIR", "JAVA_HOME");

    public ChildLaunchSettings {
        jvmOptions = List.copyOf(jvmOptions == null ? DEFAULT_JVM_OPTIONS : jvmOptions);
        classPath = List.copyOf(classPath == null ? List.of() : classPath);
        extraClassPath = List.copyOf(extraClassPath == null ? List.of() : extraClassPath);
        environmentAllowList = List.copyOf(environmentAllowList == null ? DEFAULT_ENVIRONMENT_ALLOW_LIST : environmentAllowList);
        transport = transport == null ? Transport.UNIX : transport;
        heartbeatInterval = heartbeatInterval == null ? Duration.ofSeconds(5) : heartbeatInterval;
        unresponsiveAfter = unresponsiveAfter == null ? Duration.ofSeconds(15) : unresponsiveAfter;
        killGrace = killGrace == null ? Duration.ofSeconds(2) : killGrace;
        if (maxMessageBytes <= 0) {
            maxMessageBytes = 1024 * 1024;
        }
        if (unresponsiveAfter.compareTo(heartbeatInterval) <= 0) {
            throw new IllegalArgumentException("unresponsiveAfter (" + unresponsiveAfter
                    + ") must be longer than heartbeatInterval (" + heartbeatInterval + ")");
        }
    }

    /** The documented defaults. */
    public static ChildLaunchSettings defaults() {
        return new ChildLaunchSettings(null, null, null, null, null, null, null, null, null, null, null, 0);
    }

    /** The same settings with another worker-jar directory. */
    public ChildLaunchSettings withWorkerPath(Path path) {
        return new ChildLaunchSettings(javaBinary, jvmOptions, classPath, extraClassPath, path, environmentAllowList,
                socketDirectory, transport, heartbeatInterval, unresponsiveAfter, killGrace, maxMessageBytes);
    }

    public enum Transport { UNIX, TCP }
}
