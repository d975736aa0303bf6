package io.covey.host.autoconfigure;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.DeprecatedConfigurationProperty;
import org.springframework.util.unit.DataSize;
import org.springframework.validation.Errors;
import org.springframework.validation.Validator;

import io.covey.core.spec.RestartPolicy;
import io.covey.core.spec.ByteSize;
import io.covey.engine.logfiles.LogFileSettings;
import io.covey.core.spec.WorkerOptions;
import io.covey.engine.ManagerSettings;

/**
 * Settings of the Covey host service. The field initialisers are the defaults (the configuration
 * processor reads them into the metadata); where the engine has the same setting, they equal its
 * {@link ManagerSettings#defaults()} and {@link WorkerOptions#BUILT_IN}, which a test holds them to.
 * <p>
 * The class validates itself while it is bound ({@link Validator}, as Spring Boot calls for a
 * properties class that implements it), so that a bad value stops the application with a message
 * naming the property, not later in a bean factory method.
 */
@ConfigurationProperties("covey.host")
public class CoveyHostProperties implements Validator {
    /** Whether to run the Covey manager, its API and its meters in this application. */
    private boolean enabled = true;

    /**
     * Bearer token that guards the API, the event stream and health details. When empty, the
     * host listens on the loopback interface only.
     */
    private String apiToken = "";

    /** Directory where the desired state is kept across restarts; empty keeps it in memory only. */
    private Path stateDir;

    /** Directory of worker jars to load worker classes from (also put on children's class path). */
    private Path workerPath;

    /**
     * Directory where each worker's stdout, stderr and log() lines are written, to
     * <group>/<worker>.log, rotated by size; empty keeps the lines in memory only.
     */
    private Path logDir;

    private final LogFiles logFiles = new LogFiles();

    /**
     * Groups file to apply at start, when it changes and on POST /api/v1/groups-file/reload: JSON or YAML,
     * {"groups":{"<name>":{"workers":[spec...]}}}.
     */
    private Path groupsFile;

    /** Whether changes to the groups file are applied as they happen (else at start and on reload only). */
    private boolean groupsFileWatch = true;

    /** Largest accepted request body. */
    private DataSize maxBodySize = DataSize.ofMegabytes(1);

    /** Deepest accepted JSON nesting in a request body. */
    private int maxJsonDepth = 64;

    /** Most workers one group may declare. */
    private int maxWorkersPerGroup = 256;

    /** Most workers the host holds in all. */
    private int maxWorkers = 1024;

    /** Recent log lines kept per worker. */
    private int logLinesPerWorker = 2000;

    /**
     * Origins (scheme://host:port) besides the host's own from which a browser page may change
     * state through the API or open the event stream; every other origin is refused.
     */
    private List<String> allowedOrigins = new ArrayList<>();

    /** Most inputs sent to one worker and not yet handled by it; more are refused with 429 (input-queue-full). */
    private int inputQueue = 64;

    /** Most bytes of such inputs per worker (one larger input is taken only into an empty queue). */
    private DataSize inputQueueBytes = DataSize.ofMegabytes(4);

    /** How long shutdown waits for the workers to stop. */
    private Duration shutdownBudget = Duration.ofSeconds(20);

    private final Events events = new Events();

    private final Dashboard dashboard = new Dashboard();

    private final Actuator actuator = new Actuator();

    private final WorkerDefaults workerDefaults = new WorkerDefaults();

    public ManagerSettings toManagerSettings() {
        return new ManagerSettings(workerDefaults.toOptions(), events.retained, logLinesPerWorker,
                ManagerSettings.defaults().logCharsPerWorker(), maxWorkersPerGroup, maxWorkers, shutdownBudget,
                inputQueue, inputQueueBytes.toBytes());
    }

    /** What bounds the journal's memory and each worker's event rate. */
    public io.covey.engine.EventLimits toEventLimits() {
        return new io.covey.engine.EventLimits(events.retainedBytes.toBytes(), events.workerRate, events.workerBurst);
    }

    /** The origins allowed besides the host's own: {@link #getAllowedOrigins()} and the deprecated events one. */
    public List<String> allowedOriginsInAll() {
        List<String> all = new ArrayList<>(allowedOrigins);
        events.allowedOrigins.stream().filter(origin -> !all.contains(origin)).forEach(all::add);
        return all;
    }

    @Override
    public boolean supports(Class<?> type) {
        return CoveyHostProperties.class.isAssignableFrom(type);
    }

    @Override
    public void validate(Object target, Errors errors) {
        PropertyChecks checks = new PropertyChecks("covey.host", errors);
        CoveyHostProperties properties = (CoveyHostProperties) target;
        checks.positive("maxBodySize", properties.maxBodySize);
        checks.atLeast("maxJsonDepth", properties.maxJsonDepth, 2);
        checks.atLeast("maxWorkersPerGroup", properties.maxWorkersPerGroup, 1);
        checks.atLeast("maxWorkers", properties.maxWorkers, 1);
        checks.atLeast("logLinesPerWorker", properties.logLinesPerWorker, 1);
        checks.atLeast("inputQueue", properties.inputQueue, 1);
        checks.positive("inputQueueBytes", properties.inputQueueBytes);
        checks.notNegative("shutdownBudget", properties.shutdownBudget);
        properties.allowedOriginsInAll().forEach(origin -> checks.origin("allowedOrigins", origin));
        if (properties.logFiles.maxFileSize == null || properties.logFiles.maxFileSize.toBytes() < 1024) {
            checks.reject("logFiles.maxFileSize", "must be at least 1KB");
        }
        checks.atLeast("logFiles.retention", properties.logFiles.retention, 0);
        checks.atLeast("logFiles.queueCapacity", properties.logFiles.queueCapacity, 1);
        checks.notNegative("logFiles.closeWait", properties.logFiles.closeWait);
        checks.atLeast("events.retained", properties.events.retained, 1);
        checks.atLeast("events.maxSessions", properties.events.maxSessions, 1);
        checks.atLeast("events.retainedBytes", properties.events.retainedBytes == null ? 0 : properties.events.retainedBytes.toBytes(), 1024);
        checks.between("events.workerRate", properties.events.workerRate, 0.001, 1e9);
        checks.atLeast("events.workerBurst", properties.events.workerBurst, 1);
        checks.positive("events.sendTimeLimit", properties.events.sendTimeLimit);
        checks.positive("events.sendBufferSize", properties.events.sendBufferSize);
        checks.positive("events.ticketTimeToLive", properties.events.ticketTimeToLive);
        checks.atLeast("events.maxTickets", properties.events.maxTickets, 1);
        checks.positive("events.pingInterval", properties.events.pingInterval);
        WorkerDefaults defaults = properties.workerDefaults;
        checks.positive("workerDefaults.startTimeout", defaults.startTimeout);
        checks.notNegative("workerDefaults.stopTimeout", defaults.stopTimeout);
        checks.notNegative("workerDefaults.backoffInitial", defaults.backoffInitial);
        checks.notNegative("workerDefaults.backoffMax", defaults.backoffMax);
        checks.between("workerDefaults.backoffJitter", defaults.backoffJitter, 0, 1);
        checks.notNegative("workerDefaults.backoffResetAfter", defaults.backoffResetAfter);
        checks.atLeast("workerDefaults.restartLimit", defaults.restartLimit, 1);
        checks.positive("workerDefaults.restartWindow", defaults.restartWindow);
        checks.positive("workerDefaults.healthInterval", defaults.healthInterval);
        checks.positive("workerDefaults.healthTimeout", defaults.healthTimeout);
        checks.atLeast("workerDefaults.healthFailures", defaults.healthFailures, 1);
        if (defaults.maxHeap != null && defaults.maxHeap.toBytes() < 2 * 1024 * 1024) {
            checks.reject("workerDefaults.maxHeap", "must be at least 2MB");
        }
        if (defaults.maxMemory != null && defaults.maxMemory.toBytes() < 1) {
            checks.reject("workerDefaults.maxMemory", "must be positive");
        }
        if (defaults.deadline != null) {
            checks.positive("workerDefaults.deadline", defaults.deadline);
        }
        if (defaults.noRestartExitCodes == null
                || defaults.noRestartExitCodes.stream().anyMatch(code -> code == null || code < 0 || code > 255)) {
            checks.reject("workerDefaults.noRestartExitCodes", "must be exit codes from 0 to 255");
        }
        if (defaults.restart == null) {
            checks.reject("workerDefaults.restart", "must be on-crash, always or never");
        }
    }

    public boolean isEnabled() {
        return enabled;
    }

    public void setEnabled(boolean enabled) {
        this.enabled = enabled;
    }

    public List<String> getAllowedOrigins() {
        return allowedOrigins;
    }

    public void setAllowedOrigins(List<String> allowedOrigins) {
        this.allowedOrigins = allowedOrigins;
    }

    public Actuator getActuator() {
        return actuator;
    }

    public boolean hasApiToken() {
        return apiToken != null && !apiToken.isBlank();
    }

    public String getApiToken() {
        return apiToken;
    }

    public void setApiToken(String apiToken) {
        this.apiToken = apiToken;
    }

    public Path getStateDir() {
        return stateDir;
    }

    public void setStateDir(Path stateDir) {
        this.stateDir = stateDir;
    }

    public Path getWorkerPath() {
        return workerPath;
    }

    public void setWorkerPath(Path workerPath) {
        this.workerPath = workerPath;
    }

    public Path getGroupsFile() {
        return groupsFile;
    }

    public void setGroupsFile(Path groupsFile) {
        this.groupsFile = groupsFile;
    }

    public boolean isGroupsFileWatch() {
        return groupsFileWatch;
    }

    public void setGroupsFileWatch(boolean groupsFileWatch) {
        this.groupsFileWatch = groupsFileWatch;
    }

    public DataSize getMaxBodySize() {
        return maxBodySize;
    }

    public void setMaxBodySize(DataSize maxBodySize) {
        this.maxBodySize = maxBodySize;
    }

    public int getMaxJsonDepth() {
        return maxJsonDepth;
    }

    public void setMaxJsonDepth(int maxJsonDepth) {
        this.maxJsonDepth = maxJsonDepth;
    }

    public int getMaxWorkersPerGroup() {
        return maxWorkersPerGroup;
    }

    public void setMaxWorkersPerGroup(int maxWorkersPerGroup) {
        this.maxWorkersPerGroup = maxWorkersPerGroup;
    }

    public int getMaxWorkers() {
        return maxWorkers;
    }

    public void setMaxWorkers(int maxWorkers) {
        this.maxWorkers = maxWorkers;
    }

    public int getLogLinesPerWorker() {
        return logLinesPerWorker;
    }

    public void setLogLinesPerWorker(int logLinesPerWorker) {
        this.logLinesPerWorker = logLinesPerWorker;
    }

    public int getInputQueue() {
        return inputQueue;
    }

    public void setInputQueue(int inputQueue) {
        this.inputQueue = inputQueue;
    }

    public DataSize getInputQueueBytes() {
        return inputQueueBytes;
    }

    public void setInputQueueBytes(DataSize inputQueueBytes) {
        this.inputQueueBytes = inputQueueBytes;
    }

    public Duration getShutdownBudget() {
        return shutdownBudget;
    }

    public void setShutdownBudget(Duration shutdownBudget) {
        this.shutdownBudget = shutdownBudget;
    }

    public Events getEvents() {
        return events;
    }

    public Path getLogDir() {
        return logDir;
    }

    public void setLogDir(Path logDir) {
        this.logDir = logDir;
    }

    public LogFiles getLogFiles() {
        return logFiles;
    }

    /** The log file settings, with {@link #getLogDir()} set. */
    public LogFileSettings toLogFileSettings() {
        return new LogFileSettings(logDir, logFiles.maxFileSize.toBytes(), logFiles.retention,
                logFiles.maxTotalSize == null ? 0 : logFiles.maxTotalSize.toBytes(), logFiles.queueCapacity, logFiles.closeWait);
    }

    /** How worker log files (covey.host.log-dir) are rotated and bounded. */
    public static class LogFiles {
        /** Rotate a worker's log file before a line would take it past this size. */
        private DataSize maxFileSize = DataSize.ofBytes(LogFileSettings.DEFAULT_MAX_FILE_BYTES);

        /** How many rotated files (worker.log.1 to worker.log.N) to keep per worker. */
        private int retention = LogFileSettings.DEFAULT_RETENTION;

        /** Drop (and count) lines that would take the whole log directory past this size; unset for no cap. */
        private DataSize maxTotalSize;

        /** How many lines may wait for the log writer; more are dropped and counted, never waited for. */
        private int queueCapacity = LogFileSettings.DEFAULT_QUEUE_CAPACITY;

        /** How long shutdown waits for the queued lines to be written. */
        private Duration closeWait = LogFileSettings.DEFAULT_CLOSE_WAIT;

        public DataSize getMaxFileSize() {
            return maxFileSize;
        }

        public void setMaxFileSize(DataSize maxFileSize) {
            this.maxFileSize = maxFileSize;
        }

        public int getRetention() {
            return retention;
        }

        public void setRetention(int retention) {
            this.retention = retention;
        }

        public DataSize getMaxTotalSize() {
            return maxTotalSize;
        }

        public void setMaxTotalSize(DataSize maxTotalSize) {
            this.maxTotalSize = maxTotalSize;
        }

        public int getQueueCapacity() {
            return queueCapacity;
        }

        public void setQueueCapacity(int queueCapacity) {
            this.queueCapacity = queueCapacity;
        }

        public Duration getCloseWait() {
            return closeWait;
        }

        public void setCloseWait(Duration closeWait) {
            this.closeWait = closeWait;
        }
    }

    public WorkerDefaults getWorkerDefaults() {
        return workerDefaults;
    }

    public Dashboard getDashboard() {
        return dashboard;
    }

    /** Who may read the Actuator endpoints when a token is set. */
    public static class Actuator {
        /**
         * Actuator endpoints that answer without the token when one is set; the others need it. Health
         * shows only its status (UP or DOWN) to a caller without the token.
         */
        private List<String> publicEndpoints = new ArrayList<>(List.of("health"));

        public List<String> getPublicEndpoints() {
            return publicEndpoints;
        }

        public void setPublicEndpoints(List<String> publicEndpoints) {
            this.publicEndpoints = publicEndpoints;
        }
    }

    /** The live page at /. */
    public static class Dashboard {
        /** Whether the host serves its dashboard at / (an application embedding the host may not want it). */
        private boolean enabled = true;

        public boolean isEnabled() {
            return enabled;
        }

        public void setEnabled(boolean enabled) {
            this.enabled = enabled;
        }
    }

    /** The event journal and the WebSocket event stream. */
    public static class Events {
        /** How many events are retained for replay with since=. */
        private int retained = 10_000;

        /** How much memory the retained events may take (each event's size estimated once); the oldest go first. */
        private DataSize retainedBytes = DataSize.ofMegabytes(32);

        /** How many events per second one worker may add (log lines, data, progress); the excess is dropped and counted. */
        private double workerRate = 1_000;

        /** How many events one worker may add at once before its rate limit applies. */
        private int workerBurst = 10_000;

        /** Most WebSocket sessions at once. */
        private int maxSessions = 256;

        /** How long one send to a WebSocket session may take before the session is closed. */
        private Duration sendTimeLimit = Duration.ofSeconds(10);

        /** How much unsent data a WebSocket session may buffer before it is closed. */
        private DataSize sendBufferSize = DataSize.ofKilobytes(512);

        /** Origins allowed to open the event stream from a browser; the host's own origin always is. */
        private List<String> allowedOrigins = new ArrayList<>();

        /**
         * How often the host pings an event session that has been sent nothing for this long; a session
         * that has not answered the previous ping by the next one is closed.
         */
        private Duration pingInterval = Duration.ofSeconds(30);

        /** How long a ticket from /api/v1/event-tickets may wait to open the event stream. */
        private Duration ticketTimeToLive = Duration.ofSeconds(30);

        /** Most unused, unexpired event tickets at once. */
        private int maxTickets = 1024;

        public int getRetained() {
            return retained;
        }

        public void setRetained(int retained) {
            this.retained = retained;
        }

        public DataSize getRetainedBytes() {
            return retainedBytes;
        }

        public void setRetainedBytes(DataSize retainedBytes) {
            this.retainedBytes = retainedBytes;
        }

        public double getWorkerRate() {
            return workerRate;
        }

        public void setWorkerRate(double workerRate) {
            this.workerRate = workerRate;
        }

        public int getWorkerBurst() {
            return workerBurst;
        }

        public void setWorkerBurst(int workerBurst) {
            this.workerBurst = workerBurst;
        }

        public int getMaxSessions() {
            return maxSessions;
        }

        public void setMaxSessions(int maxSessions) {
            this.maxSessions = maxSessions;
        }

        public Duration getSendTimeLimit() {
            return sendTimeLimit;
        }

        public void setSendTimeLimit(Duration sendTimeLimit) {
            this.sendTimeLimit = sendTimeLimit;
        }

        public DataSize getSendBufferSize() {
            return sendBufferSize;
        }

        public void setSendBufferSize(DataSize sendBufferSize) {
            this.sendBufferSize = sendBufferSize;
        }

        @Deprecated
        @DeprecatedConfigurationProperty(replacement = "covey.host.allowed-origins",
                reason = "the origin check now covers the whole API, not only the event stream")
        public List<String> getAllowedOrigins() {
            return allowedOrigins;
        }

        @Deprecated
        public void setAllowedOrigins(List<String> allowedOrigins) {
            this.allowedOrigins = allowedOrigins;
        }

        public Duration getPingInterval() {
            return pingInterval;
        }

        public void setPingInterval(Duration pingInterval) {
            this.pingInterval = pingInterval;
        }

        public Duration getTicketTimeToLive() {
            return ticketTimeToLive;
        }

        public void setTicketTimeToLive(Duration ticketTimeToLive) {
            this.ticketTimeToLive = ticketTimeToLive;
        }

        public int getMaxTickets() {
            return maxTickets;
        }

        public void setMaxTickets(int maxTickets) {
            this.maxTickets = maxTickets;
        }
    }

    /** Options for every worker whose declaration does not set them. */
    public static class WorkerDefaults {
        /** Whether workers run in a child JVM of their own. */
        private boolean foreign = true;

        /** When to restart a worker: on-crash, always or never. */
        private RestartPolicy restart = RestartPolicy.ON_CRASH;

        /** How long a worker may take to report running before the attempt counts as a crash. */
        private Duration startTimeout = Duration.ofSeconds(30);

        /** How long a stop may take before it is forced. */
        private Duration stopTimeout = Duration.ofSeconds(10);

        /** Delay before the second consecutive restart; the first is immediate. */
        private Duration backoffInitial = Duration.ofSeconds(1);

        /** Longest delay between restarts. */
        private Duration backoffMax = Duration.ofSeconds(60);

        /** Spread of each delay, 0.2 meaning plus or minus 20 percent. */
        private double backoffJitter = 0.2;

        /** How long an attempt must stay running to reset the backoff. */
        private Duration backoffResetAfter = Duration.ofMinutes(10);

        /** Crashes within the restart window that make a worker FAILED. */
        private int restartLimit = 10;

        /** Window in which crashes are counted. */
        private Duration restartWindow = Duration.ofMinutes(10);

        /** Whether the host is ready only while the worker is running or completed. */
        private boolean critical;

        /** Whether workers that depend on a worker being running are restarted when its running attempt ends. */
        private boolean restartDependants;

        /** How often the health check of a running worker is called. */
        private Duration healthInterval = Duration.ofSeconds(10);

        /** How long a health check may take before it counts as failed. */
        private Duration healthTimeout = Duration.ofSeconds(2);

        /** Failed health checks in a row that restart a worker. */
        private int healthFailures = 3;

        /** Limit the heap of each foreign worker's child JVM (-Xmx). When unset, covey.worker.jvm-options decide. */
        private DataSize maxHeap;

        /** Stop a foreign worker whose process tree uses more resident memory than this; a crash of reason memory. */
        private DataSize maxMemory;

        /** Stop a worker whose run, over all its attempts, takes longer than this; it is FAILED (reason deadline). */
        private Duration deadline;

        /** Make a foreign worker FAILED at once, without a restart, when its child exits with one of these codes. */
        private List<Integer> noRestartExitCodes = new ArrayList<>();

        public WorkerOptions toOptions() {
            return new WorkerOptions(foreign, restart, startTimeout, stopTimeout, backoffInitial, backoffMax,
                    backoffJitter, backoffResetAfter, restartLimit, restartWindow, critical, restartDependants,
                    healthInterval, healthTimeout, healthFailures, List.of(), byteSize(maxHeap), byteSize(maxMemory),
                    deadline, List.copyOf(noRestartExitCodes));
        }

        private static ByteSize byteSize(DataSize size) {
            return size == null ? null : ByteSize.ofBytes(size.toBytes());
        }

        public DataSize getMaxHeap() {
            return maxHeap;
        }

        public void setMaxHeap(DataSize maxHeap) {
            this.maxHeap = maxHeap;
        }

        public DataSize getMaxMemory() {
            return maxMemory;
        }

        public void setMaxMemory(DataSize maxMemory) {
            this.maxMemory = maxMemory;
        }

        public Duration getDeadline() {
            return deadline;
        }

        public void setDeadline(Duration deadline) {
            this.deadline = deadline;
        }

        public List<Integer> getNoRestartExitCodes() {
            return noRestartExitCodes;
        }

        public void setNoRestartExitCodes(List<Integer> noRestartExitCodes) {
            this.noRestartExitCodes = noRestartExitCodes;
        }

        public boolean isCritical() {
            return critical;
        }

        public void setCritical(boolean critical) {
            this.critical = critical;
        }

        public boolean isRestartDependants() {
            return restartDependants;
        }

        public void setRestartDependants(boolean restartDependants) {
            this.restartDependants = restartDependants;
        }

        public Duration getHealthInterval() {
            return healthInterval;
        }

        public void setHealthInterval(Duration healthInterval) {
            this.healthInterval = healthInterval;
        }

        public Duration getHealthTimeout() {
            return healthTimeout;
        }

        public void setHealthTimeout(Duration healthTimeout) {
            this.healthTimeout = healthTimeout;
        }

        public int getHealthFailures() {
            return healthFailures;
        }

        public void setHealthFailures(int healthFailures) {
            this.healthFailures = healthFailures;
        }

        public boolean isForeign() {
            return foreign;
        }

        public void setForeign(boolean foreign) {
            this.foreign = foreign;
        }

        public RestartPolicy getRestart() {
            return restart;
        }

        public void setRestart(RestartPolicy restart) {
            this.restart = restart;
        }

        public Duration getStartTimeout() {
            return startTimeout;
        }

        public void setStartTimeout(Duration startTimeout) {
            this.startTimeout = startTimeout;
        }

        public Duration getStopTimeout() {
            return stopTimeout;
        }

        public void setStopTimeout(Duration stopTimeout) {
            this.stopTimeout = stopTimeout;
        }

        public Duration getBackoffInitial() {
            return backoffInitial;
        }

        public void setBackoffInitial(Duration backoffInitial) {
            this.backoffInitial = backoffInitial;
        }

        public Duration getBackoffMax() {
            return backoffMax;
        }

        public void setBackoffMax(Duration backoffMax) {
            this.backoffMax = backoffMax;
        }

        public double getBackoffJitter() {
            return backoffJitter;
        }

        public void setBackoffJitter(double backoffJitter) {
            this.backoffJitter = backoffJitter;
        }

        public Duration getBackoffResetAfter() {
            return backoffResetAfter;
        }

        public void setBackoffResetAfter(Duration backoffResetAfter) {
            this.backoffResetAfter = backoffResetAfter;
        }

        public int getRestartLimit() {
            return restartLimit;
        }

        public void setRestartLimit(int restartLimit) {
            this.restartLimit = restartLimit;
        }

        public Duration getRestartWindow() {
            return restartWindow;
        }

        public void setRestartWindow(Duration restartWindow) {
            this.restartWindow = restartWindow;
        }
    }
}
