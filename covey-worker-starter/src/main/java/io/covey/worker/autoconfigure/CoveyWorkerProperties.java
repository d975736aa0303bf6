package io.covey.worker.autoconfigure;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import io.covey.core.launch.ChildLaunchSettings;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.util.unit.DataSize;
import org.springframework.validation.Errors;
import org.springframework.validation.Validator;

/**
 * The {@code covey.worker.*} properties: where worker types are found and how the child JVMs
 * of foreign workers are launched. The field initialisers are the defaults of
 * {@link ChildLaunchSettings#defaults()}; the configuration processor reads the scalar ones into
 * the metadata, and the list defaults, which it cannot evaluate, are repeated in
 * {@code META-INF/additional-spring-configuration-metadata.json} (a test keeps them in step).
 * <p>
 * The class validates itself ({@link Validator}) so that a bad combination fails while binding,
 * with a message naming the property, instead of later inside a bean factory method.
 */
@ConfigurationProperties("covey.worker")
public class CoveyWorkerProperties implements Validator {

    /**
     * Scan these packages for @CoveyWorkerType classes that extend CoveyWorker. When empty, scans
     * the packages of the @SpringBootApplication (the auto-configuration packages) instead.
     */
    private List<String> scanPackages = new ArrayList<>();

    /** Launch child JVMs with this java binary. When unset, uses the binary of the running JVM. */
    private Path java;

    /** Pass these options to every child JVM. Setting them replaces the whole default list. */
    private List<String> jvmOptions = new ArrayList<>(ChildLaunchSettings.DEFAULT_JVM_OPTIONS);

    /**
     * Use this class path for child JVMs. When empty, children get a lean one: the child runtime
     * (covey-child, covey-core, Jackson), where each worker class was loaded from, and the jars of
     * the worker path.
     */
    private List<String> classPath = new ArrayList<>();

    /**
     * Whether children get the host's whole class path instead of the lean one (when class-path is
     * empty): for worker classes that need libraries of the application around them.
     */
    private boolean inheritClassPath;

    /** Append these entries to the class path of child JVMs. */
    private List<String> extraClassPath = new ArrayList<>();

    /** Append the jars of this directory to the class path of child JVMs. */
    private Path workerPath;

    /** Pass these host environment variables on to child JVMs; COVEY_* variables always are. */
    private List<String> environmentAllowList = new ArrayList<>(ChildLaunchSettings.DEFAULT_ENVIRONMENT_ALLOW_LIST);

    /**
     * Create control sockets in a private directory under this one. When unset, uses the
     * system temporary directory.
     */
    private Path socketDirectory;

    /** Select the control channel between host and child: a Unix domain socket or loopback TCP. */
    private ChildLaunchSettings.Transport transport = ChildLaunchSettings.Transport.UNIX;

    /** Set how often a child tells the host it is alive. */
    private Duration heartbeatInterval = Duration.ofSeconds(5);

    /**
     * Consider a child unresponsive, and restart it, after this long without a heartbeat. Must be
     * longer than the heartbeat interval.
     */
    private Duration unresponsiveAfter = Duration.ofSeconds(15);

    /** Wait this long between SIGTERM and SIGKILL at the end of stopping a child. */
    private Duration killGrace = Duration.ofSeconds(2);

    /** Limit the size of one control message, in either direction. */
    private DataSize maxMessageSize = DataSize.ofMegabytes(1);

    /**
     * Lay the jars nested in the host's executable jar out under this directory when the host runs
     * with java -jar, so that child JVMs can use them. When unset, uses covey-<user>/child-runtime in
     * the system temporary directory, shared by the hosts of one user.
     */
    private Path runtimeDirectory;

    /**
     * Allow declarations these JVM options in their jvmOptions besides the built-in list (heap and
     * stack sizes, the collector, system properties outside java.*, jdk.*, sun.* and covey.*); a *
     * stands for any text, as in -XX:MaxMetaspaceSize=*.
     */
    private List<String> allowedJvmOptions = new ArrayList<>();

    /**
     * Read the memory and CPU of each foreign worker's process tree from /proc this often, and check
     * its maxMemory then.
     */
    private Duration usageSampleInterval = Duration.ofSeconds(2);

    /** Children started ahead of need, so that foreign workers start in milliseconds. */
    private final WarmPool warmPool = new WarmPool();

    /** The launch settings these properties describe. */
    public ChildLaunchSettings toLaunchSettings() {
        return new ChildLaunchSettings(java, jvmOptions, classPath, extraClassPath, workerPath,
                environmentAllowList, socketDirectory, transport, heartbeatInterval, unresponsiveAfter,
                killGrace, Math.toIntExact(maxMessageSize.toBytes()),
                new ChildLaunchSettings.WarmPool(warmPool.size, warmPool.idleLimit), inheritClassPath, runtimeDirectory,
                allowedJvmOptions, usageSampleInterval);
    }

    @Override
    public boolean supports(Class<?> type) {
        return CoveyWorkerProperties.class.isAssignableFrom(type);
    }

    @Override
    public void validate(Object target, Errors errors) {
        CoveyWorkerProperties properties = (CoveyWorkerProperties) target;
        properties.checkValues(errors);
    }

    // ChildLaunchSettings checks the heartbeat pair too, but only with an exception from a bean
    // factory method; checking here names the properties. Zero and negative values are refused
    // rather than silently replaced by defaults as the record does for maxMessageBytes.
    private void checkValues(Errors errors) {
        if (heartbeatInterval == null || !isPositive(heartbeatInterval)) {
            errors.rejectValue("heartbeatInterval", "positive", "heartbeat-interval must be positive");
        } else if (unresponsiveAfter == null || unresponsiveAfter.compareTo(heartbeatInterval) <= 0) {
            errors.rejectValue("unresponsiveAfter", "longerThanHeartbeat",
                    "unresponsive-after must be longer than heartbeat-interval (" + heartbeatInterval + ")");
        }
        if (killGrace == null || killGrace.isNegative()) {
            errors.rejectValue("killGrace", "notNegative", "kill-grace must not be negative");
        }
        if (maxMessageSize == null || maxMessageSize.toBytes() <= 0 || maxMessageSize.toBytes() > Integer.MAX_VALUE) {
            errors.rejectValue("maxMessageSize", "range", "max-message-size must be between 1B and 2GB - 1B");
        }
        if (usageSampleInterval == null || usageSampleInterval.compareTo(Duration.ofMillis(50)) < 0) {
            errors.rejectValue("usageSampleInterval", "range", "usage-sample-interval must be at least 50ms");
        }
        if (transport == null) {
            errors.rejectValue("transport", "required", "transport must be unix or tcp");
        }
        if (warmPool.size < 0) {
            errors.rejectValue("warmPool.size", "notNegative", "warm-pool.size must not be negative (0 turns the pool off)");
        }
        if (warmPool.idleLimit == null || warmPool.idleLimit.isNegative()) {
            errors.rejectValue("warmPool.idleLimit", "notNegative", "warm-pool.idle-limit must not be negative (0 means never)");
        }
    }

    // Duration.isPositive() is Java 18+; the project targets 17.
    private static boolean isPositive(Duration duration) {
        return !duration.isNegative() && !duration.isZero();
    }

    public List<String> getScanPackages() {
        return scanPackages;
    }

    public void setScanPackages(List<String> scanPackages) {
        this.scanPackages = scanPackages;
    }

    public Path getJava() {
        return java;
    }

    public void setJava(Path java) {
        this.java = java;
    }

    public List<String> getJvmOptions() {
        return jvmOptions;
    }

    public void setJvmOptions(List<String> jvmOptions) {
        this.jvmOptions = jvmOptions;
    }

    public List<String> getAllowedJvmOptions() {
        return allowedJvmOptions;
    }

    public void setAllowedJvmOptions(List<String> allowedJvmOptions) {
        this.allowedJvmOptions = allowedJvmOptions;
    }

    public Duration getUsageSampleInterval() {
        return usageSampleInterval;
    }

    public void setUsageSampleInterval(Duration usageSampleInterval) {
        this.usageSampleInterval = usageSampleInterval;
    }

    public List<String> getClassPath() {
        return classPath;
    }

    public void setClassPath(List<String> classPath) {
        this.classPath = classPath;
    }

    public boolean isInheritClassPath() {
        return inheritClassPath;
    }

    public void setInheritClassPath(boolean inheritClassPath) {
        this.inheritClassPath = inheritClassPath;
    }

    public List<String> getExtraClassPath() {
        return extraClassPath;
    }

    public void setExtraClassPath(List<String> extraClassPath) {
        this.extraClassPath = extraClassPath;
    }

    public Path getWorkerPath() {
        return workerPath;
    }

    public void setWorkerPath(Path workerPath) {
        this.workerPath = workerPath;
    }

    public List<String> getEnvironmentAllowList() {
        return environmentAllowList;
    }

    public void setEnvironmentAllowList(List<String> environmentAllowList) {
        this.environmentAllowList = environmentAllowList;
    }

    public Path getSocketDirectory() {
        return socketDirectory;
    }

    public void setSocketDirectory(Path socketDirectory) {
        this.socketDirectory = socketDirectory;
    }

    public Path getRuntimeDirectory() {
        return runtimeDirectory;
    }

    public void setRuntimeDirectory(Path runtimeDirectory) {
        this.runtimeDirectory = runtimeDirectory;
    }

    public ChildLaunchSettings.Transport getTransport() {
        return transport;
    }

    public void setTransport(ChildLaunchSettings.Transport transport) {
        this.transport = transport;
    }

    public Duration getHeartbeatInterval() {
        return heartbeatInterval;
    }

    public void setHeartbeatInterval(Duration heartbeatInterval) {
        this.heartbeatInterval = heartbeatInterval;
    }

    public Duration getUnresponsiveAfter() {
        return unresponsiveAfter;
    }

    public void setUnresponsiveAfter(Duration unresponsiveAfter) {
        this.unresponsiveAfter = unresponsiveAfter;
    }

    public Duration getKillGrace() {
        return killGrace;
    }

    public void setKillGrace(Duration killGrace) {
        this.killGrace = killGrace;
    }

    public DataSize getMaxMessageSize() {
        return maxMessageSize;
    }

    public void setMaxMessageSize(DataSize maxMessageSize) {
        this.maxMessageSize = maxMessageSize;
    }

    public WarmPool getWarmPool() {
        return warmPool;
    }

    /** The {@code covey.worker.warm-pool.*} properties. */
    public static class WarmPool {
        /**
         * Keep this many child JVMs started, connected and warmed up, each waiting to run one foreign
         * worker once. 0 turns the pool off: every foreign worker starts a JVM of its own.
         */
        private int size = 2;

        /** Replace a waiting child by a fresh one after it waited this long. 0 means never. */
        private Duration idleLimit = Duration.ofMinutes(10);

        public int getSize() {
            return size;
        }

        public void setSize(int size) {
            this.size = size;
        }

        public Duration getIdleLimit() {
            return idleLimit;
        }

        public void setIdleLimit(Duration idleLimit) {
            this.idleLimit = idleLimit;
        }
    }
}
