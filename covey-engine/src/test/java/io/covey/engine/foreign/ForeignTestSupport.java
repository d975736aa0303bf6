package io.covey.engine.foreign;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import io.covey.core.json.CoveyJson;
import io.covey.core.manifest.CoveyManifest;
import io.covey.core.spec.WorkerOptions;
import io.covey.engine.launch.LaunchRequest;
import io.covey.engine.launch.WorkerRun;
import io.covey.engine.foreign.workers.BigMessageWorker;
import io.covey.engine.foreign.workers.ExitWorker;
import io.covey.engine.foreign.workers.LimitsWorker;
import io.covey.engine.foreign.workers.FloodWorker;
import io.covey.engine.foreign.workers.GreeterWorker;
import io.covey.engine.foreign.workers.SleeperWorker;
import io.covey.engine.foreign.workers.StubbornWorker;
import io.covey.core.launch.ChildLaunchSettings;

/** Requests for the test workers, settings for tests, and a record of every pid to clean up. */
public final class ForeignTestSupport {
    static final CoveyManifest MANIFEST = CoveyManifest.of(GreeterWorker.class, StubbornWorker.class, SleeperWorker.class,
            FloodWorker.class, BigMessageWorker.class, ExitWorker.class, LimitsWorker.class);

    private final Set<Long> pids = ConcurrentHashMap.newKeySet();

    static LaunchRequest request(String id, Class<?> type, Object params) {
        return new LaunchRequest(id, "tests", 1, MANIFEST.require(type.getSimpleName()), CoveyJson.toTree(params),
                WorkerOptions.BUILT_IN);
    }

    static ChildLaunchSettings settings(Duration heartbeat, Duration unresponsive, Duration killGrace) {
        return new ChildLaunchSettings(null, null, null, null, null, null, null, null, heartbeat, unresponsive, killGrace, 0);
    }

    static ChildLaunchSettings withClassPath(ChildLaunchSettings s, List<String> classPath) {
        return new ChildLaunchSettings(s.javaBinary(), s.jvmOptions(), classPath, s.extraClassPath(), s.workerPath(),
                s.environmentAllowList(), s.socketDirectory(), s.transport(), s.heartbeatInterval(), s.unresponsiveAfter(),
                s.killGrace(), s.maxMessageBytes(), s.warmPool());
    }

    static ChildLaunchSettings withJava(ChildLaunchSettings s, Path java, List<String> jvmOptions) {
        return new ChildLaunchSettings(java, jvmOptions, s.classPath(), s.extraClassPath(), s.workerPath(),
                s.environmentAllowList(), s.socketDirectory(), s.transport(), s.heartbeatInterval(), s.unresponsiveAfter(),
                s.killGrace(), s.maxMessageBytes(), s.warmPool());
    }

    static ChildLaunchSettings withTransport(ChildLaunchSettings s, ChildLaunchSettings.Transport transport) {
        return new ChildLaunchSettings(s.javaBinary(), s.jvmOptions(), s.classPath(), s.extraClassPath(), s.workerPath(),
                s.environmentAllowList(), s.socketDirectory(), transport, s.heartbeatInterval(), s.unresponsiveAfter(),
                s.killGrace(), s.maxMessageBytes(), s.warmPool());
    }

    /** Remembers a run's pid (and anything else) so that {@link #killAll()} can make sure it is gone. */
    void track(WorkerRun run) {
        Long pid = run.pid();
        if (pid != null) {
            pids.add(pid);
        }
    }

    void track(long pid) {
        pids.add(pid);
    }

    void killAll() {
        pids.forEach(pid -> ProcessHandle.of(pid).ifPresent(ProcessHandle::destroyForcibly));
        pids.clear();
    }

    /**
     * Whether the process still runs. A zombie has exited and only waits for its parent (for an
     * orphan, this container's PID 1, which reaps late) to collect its status: it does not count.
     */
    public static boolean alive(long pid) {
        if (!ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false)) {
            return false;
        }
        try {
            String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
            return stat.charAt(stat.lastIndexOf(')') + 2) != 'Z';
        } catch (java.io.IOException e) {
            return false;
        }
    }

    static long openFileDescriptors() throws Exception {
        try (var stream = Files.list(Path.of("/proc/self/fd"))) {
            return stream.count();
        }
    }

    private ForeignTestSupport() {
    }

    static ForeignTestSupport create() {
        return new ForeignTestSupport();
    }
}
