package io.covey.core.launch;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * How the host launches the child JVM of a foreign worker. Plain values, bound from
 * {@code covey.worker.*} by the starter's auto-configuration, or built directly.
 *
 * @param javaBinary         the java executable; null means the one running the host
 * @param jvmOptions         options for every child JVM
 * @param classPath          the child's class path; empty means the lean one: the child runtime (covey-child,
 *                           covey-core, Jackson) and the code source of each worker class the manager runs
 * @param extraClassPath     entries appended to the class path
 * @param workerPath         a directory whose jars are appended to the class path, or null
 * @param environmentAllowList host environment variables passed on to children (COVEY_* always are)
 * @param socketDirectory    where control sockets are created (in a private 0700 directory); null means the temp dir
 * @param transport          the control channel: a Unix domain socket or loopback TCP
 * @param heartbeatInterval  how often a child says it is alive
 * @param unresponsiveAfter  a child silent this long is unresponsive and is restarted
 * @param killGrace          the time between SIGTERM and SIGKILL at the end of the stop ladder
 * @param maxMessageBytes    the largest control message either side accepts
 * @param warmPool           how many children wait, started ahead of need; null means {@link WarmPool#DEFAULT}
 * @param inheritClassPath   when {@code classPath} is empty, give children the host's whole class path instead of
 *                           the lean one: for worker classes that need libraries of the application around them
 * @param runtimeDirectory   where the jars nested in an executable jar the host runs from ({@code java -jar}) are
 *                           laid out as plain files for children, one subdirectory per jar digest; null means
 *                           {@code <java.io.tmpdir>/covey-<user>/child-runtime}
 * @param allowedJvmOptions  patterns of JVM options a declaration may set in {@code jvmOptions} besides
 *                           {@link JvmOptionPolicy}'s built-in ones ({@code *} stands for any text)
 * @param usageSampleInterval how often the memory and CPU of each foreign worker's process tree are read from
 *                           /proc (and {@code maxMemory} checked); null means 2 s
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
        int maxMessageBytes,
        WarmPool warmPool,
        boolean inheritClassPath,
        Path runtimeDirectory,
        List<String> allowedJvmOptions,
        Duration usageSampleInterval) {

    public static final List<String> DEFAULT_JVM_OPTIONS = List.of(
            "-XX:+ExitOnOutOfMemoryError", "-Xms8m", "-Xmx256m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-Xss512k");

    public static final List<String> DEFAULT_ENVIRONMENT_ALLOW_LIST = List.of(
            "PATH", "HOME", "USER", "LANG", "LC_ALL", "TZ", "TMPDIR", "JAVA_HOME");

    /** How often the usage of a child's tree is read when not configured. */
    public static final Duration DEFAULT_USAGE_SAMPLE_INTERVAL = Duration.ofSeconds(2);

    public ChildLaunchSettings {
        jvmOptions = List.copyOf(jvmOptions == null ? DEFAULT_JVM_OPTIONS : jvmOptions);
        allowedJvmOptions = List.copyOf(allowedJvmOptions == null ? List.of() : allowedJvmOptions);
        usageSampleInterval = usageSampleInterval == null ? DEFAULT_USAGE_SAMPLE_INTERVAL : usageSampleInterval;
        if (usageSampleInterval.compareTo(Duration.ofMillis(50)) < 0) {
            throw new IllegalArgumentException("usageSampleInterval must be at least 50ms, was " + usageSampleInterval);
        }
        classPath = List.copyOf(classPath == null ? List.of() : classPath);
        extraClassPath = List.copyOf(extraClassPath == null ? List.of() : extraClassPath);
        environmentAllowList = List.copyOf(environmentAllowList == null ? DEFAULT_ENVIRONMENT_ALLOW_LIST : environmentAllowList);
        transport = transport == null ? Transport.UNIX : transport;
        heartbeatInterval = heartbeatInterval == null ? Duration.ofSeconds(5) : heartbeatInterval;
        unresponsiveAfter = unresponsiveAfter == null ? Duration.ofSeconds(15) : unresponsiveAfter;
        killGrace = killGrace == null ? Duration.ofSeconds(2) : killGrace;
        warmPool = warmPool == null ? WarmPool.DEFAULT : warmPool;
        if (maxMessageBytes <= 0) {
            maxMessageBytes = 1024 * 1024;
        }
        if (unresponsiveAfter.compareTo(heartbeatInterval) <= 0) {
            throw new IllegalArgumentException("unresponsiveAfter (" + unresponsiveAfter
                    + ") must be longer than heartbeatInterval (" + heartbeatInterval + ")");
        }
    }

    /** The settings with the built-in JVM option policy and the default usage sampling. */
    public ChildLaunchSettings(Path javaBinary, List<String> jvmOptions, List<String> classPath,
                               List<String> extraClassPath, Path workerPath, List<String> environmentAllowList,
                               Path socketDirectory, Transport transport, Duration heartbeatInterval,
                               Duration unresponsiveAfter, Duration killGrace, int maxMessageBytes, WarmPool warmPool,
                               boolean inheritClassPath, Path runtimeDirectory) {
        this(javaBinary, jvmOptions, classPath, extraClassPath, workerPath, environmentAllowList, socketDirectory,
                transport, heartbeatInterval, unresponsiveAfter, killGrace, maxMessageBytes, warmPool, inheritClassPath,
                runtimeDirectory, null, null);
    }

    /** The settings with the default runtime directory (see {@code runtimeDirectory}). */
    public ChildLaunchSettings(Path javaBinary, List<String> jvmOptions, List<String> classPath,
                               List<String> extraClassPath, Path workerPath, List<String> environmentAllowList,
                               Path socketDirectory, Transport transport, Duration heartbeatInterval,
                               Duration unresponsiveAfter, Duration killGrace, int maxMessageBytes, WarmPool warmPool,
                               boolean inheritClassPath) {
        this(javaBinary, jvmOptions, classPath, extraClassPath, workerPath, environmentAllowList, socketDirectory,
                transport, heartbeatInterval, unresponsiveAfter, killGrace, maxMessageBytes, warmPool, inheritClassPath, null);
    }

    /** The settings with the lean class path (see {@code inheritClassPath}). */
    public ChildLaunchSettings(Path javaBinary, List<String> jvmOptions, List<String> classPath,
                               List<String> extraClassPath, Path workerPath, List<String> environmentAllowList,
                               Path socketDirectory, Transport transport, Duration heartbeatInterval,
                               Duration unresponsiveAfter, Duration killGrace, int maxMessageBytes, WarmPool warmPool) {
        this(javaBinary, jvmOptions, classPath, extraClassPath, workerPath, environmentAllowList, socketDirectory,
                transport, heartbeatInterval, unresponsiveAfter, killGrace, maxMessageBytes, warmPool, false);
    }

    /**
     * The settings as they were before the warm pool: the same, with the pool {@link WarmPool#OFF},
     * so that code written against them keeps starting every child cold.
     */
    public ChildLaunchSettings(Path javaBinary, List<String> jvmOptions, List<String> classPath,
                               List<String> extraClassPath, Path workerPath, List<String> environmentAllowList,
                               Path socketDirectory, Transport transport, Duration heartbeatInterval,
                               Duration unresponsiveAfter, Duration killGrace, int maxMessageBytes) {
        this(javaBinary, jvmOptions, classPath, extraClassPath, workerPath, environmentAllowList, socketDirectory,
                transport, heartbeatInterval, unresponsiveAfter, killGrace, maxMessageBytes, WarmPool.OFF, false);
    }

    /** The documented defaults, the warm pool included. */
    public static ChildLaunchSettings defaults() {
        return new ChildLaunchSettings(null, null, null, null, null, null, null, null, null, null, null, 0, null, false);
    }

    /** The same settings with another worker-jar directory. */
    public ChildLaunchSettings withWorkerPath(Path path) {
        return new ChildLaunchSettings(javaBinary, jvmOptions, classPath, extraClassPath, path, environmentAllowList,
                socketDirectory, transport, heartbeatInterval, unresponsiveAfter, killGrace, maxMessageBytes, warmPool,
                inheritClassPath, runtimeDirectory, allowedJvmOptions, usageSampleInterval);
    }

    /** The same settings with another warm pool. */
    public ChildLaunchSettings withWarmPool(WarmPool pool) {
        return new ChildLaunchSettings(javaBinary, jvmOptions, classPath, extraClassPath, workerPath, environmentAllowList,
                socketDirectory, transport, heartbeatInterval, unresponsiveAfter, killGrace, maxMessageBytes, pool,
                inheritClassPath, runtimeDirectory, allowedJvmOptions, usageSampleInterval);
    }

    /** The same settings, giving children the host's whole class path (true) or the lean one (false). */
    public ChildLaunchSettings withInheritedClassPath(boolean inherit) {
        return new ChildLaunchSettings(javaBinary, jvmOptions, classPath, extraClassPath, workerPath, environmentAllowList,
                socketDirectory, transport, heartbeatInterval, unresponsiveAfter, killGrace, maxMessageBytes, warmPool,
                inherit, runtimeDirectory, allowedJvmOptions, usageSampleInterval);
    }

    /** The same settings with another directory for the runtime laid out from an executable jar. */
    public ChildLaunchSettings withRuntimeDirectory(Path directory) {
        return new ChildLaunchSettings(javaBinary, jvmOptions, classPath, extraClassPath, workerPath, environmentAllowList,
                socketDirectory, transport, heartbeatInterval, unresponsiveAfter, killGrace, maxMessageBytes, warmPool,
                inheritClassPath, directory, allowedJvmOptions, usageSampleInterval);
    }

    /** The same settings with another usage sampling interval. */
    public ChildLaunchSettings withUsageSampleInterval(Duration interval) {
        return new ChildLaunchSettings(javaBinary, jvmOptions, classPath, extraClassPath, workerPath, environmentAllowList,
                socketDirectory, transport, heartbeatInterval, unresponsiveAfter, killGrace, maxMessageBytes, warmPool,
                inheritClassPath, runtimeDirectory, allowedJvmOptions, interval);
    }

    /** The same settings, allowing declarations these JVM options too. */
    public ChildLaunchSettings withAllowedJvmOptions(List<String> patterns) {
        return new ChildLaunchSettings(javaBinary, jvmOptions, classPath, extraClassPath, workerPath, environmentAllowList,
                socketDirectory, transport, heartbeatInterval, unresponsiveAfter, killGrace, maxMessageBytes, warmPool,
                inheritClassPath, runtimeDirectory, patterns, usageSampleInterval);
    }

    /** What a declaration may set in {@code jvmOptions}. */
    public JvmOptionPolicy jvmOptionPolicy() {
        return new JvmOptionPolicy(allowedJvmOptions);
    }

    /**
     * Children started ahead of need, each waiting (connected, handshake done, warmed up) to run one
     * worker once.
     *
     * @param size      how many children wait; 0 turns the pool off
     * @param idleLimit a child that waited this long is replaced by a fresh one (so a waiting child never
     *                  runs classes much older than the jars on disk); zero means never
     */
    public record WarmPool(int size, Duration idleLimit) {
        public static final WarmPool OFF = new WarmPool(0, Duration.ZERO);
        public static final WarmPool DEFAULT = new WarmPool(2, Duration.ofMinutes(10));

        public WarmPool {
            if (size < 0) {
                throw new IllegalArgumentException("the warm pool size must not be negative, was " + size);
            }
            idleLimit = idleLimit == null ? DEFAULT.idleLimit : idleLimit;
            if (idleLimit.isNegative()) {
                throw new IllegalArgumentException("the warm pool idle limit must not be negative, was " + idleLimit);
            }
        }

        public boolean enabled() {
            return size > 0;
        }
    }

    public enum Transport { UNIX, TCP }
}
