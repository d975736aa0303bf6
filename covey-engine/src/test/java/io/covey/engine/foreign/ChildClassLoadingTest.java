package io.covey.engine.foreign;

import static io.covey.engine.foreign.ForeignTestSupport.request;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.covey.core.launch.ChildLaunchSettings;
import io.covey.core.worker.StatusCall;
import io.covey.engine.ExecutorScheduler;
import io.covey.engine.foreign.workers.GreeterWorker;
import io.covey.engine.foreign.workers.SleeperWorker;
import io.covey.engine.launch.WorkerRun;

/**
 * What a real cold child loads until its worker is RUNNING (issue 18): the control channel speaks
 * through the streaming codec, so databind's mapper is built only when a worker's params are bound.
 */
class ChildClassLoadingTest {
    private final ForeignTestSupport processes = ForeignTestSupport.create();
    private final ExecutorScheduler scheduler = new ExecutorScheduler();
    private ForeignWorkerLauncher launcher;

    @AfterEach
    void cleanUp() {
        if (launcher != null) {
            launcher.close();
        }
        processes.killAll();
        scheduler.close();
    }

    @Test
    void aChildWhoseWorkerTakesNoParamsReachesRunningWithoutDatabindsMapper(@TempDir Path dir) throws Exception {
        List<String> loaded = classesLoadedUntilRunning(dir, "sleeper", SleeperWorker.class, null);

        assertThat(loaded).contains("io.covey.child.ChildMain", "io.covey.core.protocol.ControlCodec",
                SleeperWorker.class.getName());
        // Nothing of the mapper, its (de)serializers, introspection or type machinery: only the tree
        // nodes a Welcome's params are held in, and the few types their methods name.
        List<String> databind = loaded.stream().filter(c -> c.startsWith("tools.jackson.databind.")).toList();
        assertThat(databind).noneMatch(c -> c.equals("tools.jackson.databind.ObjectMapper")
                || c.matches("tools\\.jackson\\.databind\\.((json|ser|deser|introspect|type|jsontype)\\..*|cfg\\.MapperBuilder.*)"));
        assertThat(databind).as("databind classes loaded: %s", databind).hasSizeLessThan(40);
        assertThat(loaded).noneMatch(c -> c.equals("io.covey.core.json.CoveyJson$Holder"));
    }

    @Test
    void aChildThatBindsParamsBuildsTheMapperOnlyThen(@TempDir Path dir) throws Exception {
        List<String> loaded = classesLoadedUntilRunning(dir, "greeter", GreeterWorker.class,
                new GreeterWorker.Params("covey", false));

        // The control message is read before the mapper is touched: the mapper comes with the params.
        assertThat(loaded).contains("tools.jackson.databind.json.JsonMapper");
        assertThat(loaded.indexOf("io.covey.core.protocol.ControlMessage$Welcome"))
                .isLessThan(loaded.indexOf("tools.jackson.databind.json.JsonMapper"));
    }

    private List<String> classesLoadedUntilRunning(Path dir, String id, Class<?> type, Object params) throws Exception {
        Path log = dir.resolve("classes.log");
        List<String> options = new ArrayList<>(ChildLaunchSettings.defaults().jvmOptions());
        options.add("-Xlog:class+load=info:file=" + log);
        launcher = new ForeignWorkerLauncher(ForeignTestSupport.withJava(
                ForeignTestSupport.settings(Duration.ofSeconds(1), Duration.ofSeconds(5), Duration.ofSeconds(1)),
                null, options), scheduler);
        RecordingCallbacks callbacks = new RecordingCallbacks();
        WorkerRun run = launcher.launch(request(id, type, params), callbacks);
        await().atMost(Duration.ofSeconds(10)).until(() -> run.pid() != null || callbacks.exit.isDone());
        processes.track(run);
        await().atMost(Duration.ofSeconds(20)).until(() -> callbacks.reported(StatusCall.RUNNING) || callbacks.exit.isDone());
        assertThat(callbacks.reported(StatusCall.RUNNING)).as("lines %s", callbacks.lines).isTrue();
        // Read now, while the worker still runs: what it loads after RUNNING is not start-up.
        List<String> loaded = Files.readAllLines(log).stream()
                .filter(l -> l.contains(" source: "))
                .map(l -> l.substring(l.indexOf("] ") + 2).split(" ", 2)[0])
                .toList();
        run.stop(Duration.ofSeconds(10));
        callbacks.awaitExit(Duration.ofSeconds(10));
        return loaded;
    }
}
