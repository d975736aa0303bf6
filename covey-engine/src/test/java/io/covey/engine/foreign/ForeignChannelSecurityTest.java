package io.covey.engine.foreign;

import static io.covey.engine.foreign.ForeignTestSupport.request;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.covey.core.json.CoveyJson;
import io.covey.core.launch.ChildLaunchSettings;
import io.covey.core.protocol.ChildEnvironment;
import io.covey.core.protocol.ControlAddress;
import io.covey.core.protocol.ControlChannel;
import io.covey.core.protocol.ControlMessage;
import io.covey.core.protocol.ControlMessage.Hello;
import io.covey.core.worker.StatusCall;
import io.covey.engine.ExecutorScheduler;
import io.covey.engine.foreign.workers.BigMessageWorker;
import io.covey.engine.foreign.workers.SleeperWorker;
import io.covey.engine.launch.RunExit;
import io.covey.engine.launch.WorkerRun;

/**
 * The control channel against impostors and misbehaving children. A fake "java" (a script that
 * saves its environment and sleeps) stands in for the child, so the test can play the child itself.
 */
class ForeignChannelSecurityTest {
    private static final int TEN_MIB = 10 * 1024 * 1024;

    private final ForeignTestSupport processes = ForeignTestSupport.create();
    private final ExecutorScheduler scheduler = new ExecutorScheduler();
    private ForeignWorkerLauncher launcher;

    @TempDir
    Path dir;

    @AfterEach
    void cleanUp() {
        if (launcher != null) {
            launcher.close();
        }
        processes.killAll();
        scheduler.close();
    }

    /** Launches a worker whose "java" is a script that saves its environment and sleeps. */
    private Map<String, String> launchFake(String id, RecordingCallbacks callbacks) throws Exception {
        Path envFile = dir.resolve(id + ".env");
        Path script = dir.resolve(id + "-java");
        Files.writeString(script, "#!/bin/sh\nenv > '" + envFile + ".tmp' && mv '" + envFile + ".tmp' '" + envFile + "'\nexec sleep 600\n");
        Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwx------"));
        Map<String, String> hostEnvironment = new HashMap<>(System.getenv());
        hostEnvironment.putAll(Map.of("COVEY_API_TOKEN", "host-only", "COVEY_REGION", "eu", "NOT_ALLOWED", "x"));
        launcher = launcher != null ? launcher : new ForeignWorkerLauncher(
                // The cold handshake, with no warm children running the same fake java beside it.
                ForeignTestSupport.withJava(ChildLaunchSettings.defaults().withWarmPool(ChildLaunchSettings.WarmPool.OFF),
                        script, List.of()), scheduler, hostEnvironment);
        WorkerRun run = launcher.launch(request(id, SleeperWorker.class, null), callbacks);
        await().atMost(Duration.ofSeconds(10)).until(() -> Files.exists(envFile) && run.pid() != null);
        processes.track(run);
        Map<String, String> env = new HashMap<>();
        for (String line : Files.readAllLines(envFile)) {
            int eq = line.indexOf('=');
            if (eq > 0) {
                env.put(line.substring(0, eq), line.substring(eq + 1));
            }
        }
        env.put("PID", Long.toString(run.pid()));
        return env;
    }

    private static Hello hello(Map<String, String> env) {
        return new Hello(env.get(ChildEnvironment.EPOCH), env.get(ChildEnvironment.WORKER_ID),
                Integer.parseInt(env.get(ChildEnvironment.ATTEMPT)), env.get(ChildEnvironment.SECRET), Long.parseLong(env.get("PID")));
    }

    private ControlChannel connect() throws IOException {
        return new ControlChannel(launcher.controlAddress().connect(), 1024 * 1024);
    }

    /** One connection: sends the hello, returns the answer. */
    private ControlMessage handshake(Hello hello) throws Exception {
        try (ControlChannel channel = connect()) {
            channel.sendLine(CoveyJson.write(hello));
            return channel.receive();
        }
    }

    @Test
    void refusesStrangersAndReplaysAndEndsAChildThatSendsTenMegabytes() throws Exception {
        RecordingCallbacks callbacks = new RecordingCallbacks();
        Map<String, String> env = launchFake("target", callbacks);
        Hello good = hello(env);
        assertThat(env).doesNotContainKeys("COVEY_API_TOKEN", "NOT_ALLOWED").containsEntry("COVEY_REGION", "eu")
                .containsKeys("PATH", ChildEnvironment.SECRET, ChildEnvironment.CONTROL_ADDRESS);
        Path socket = Path.of(launcher.controlAddress().text().substring("unix:".length()));
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(socket))).isEqualTo("rw-------");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(socket.getParent()))).isEqualTo("rwx------");

        assertThat(handshake(new Hello(good.epoch(), good.workerId(), good.attempt(), "", good.pid())))
                .isEqualTo(new ControlMessage.Refused("wrong secret for child target#1"));
        assertThat(handshake(new Hello(good.epoch(), good.workerId(), good.attempt(), good.secret() + "x", good.pid())))
                .isEqualTo(new ControlMessage.Refused("wrong secret for child target#1"));
        assertThat(handshake(new Hello("0123456789abcdef", good.workerId(), good.attempt(), good.secret(), good.pid())))
                .isEqualTo(new ControlMessage.Refused("the child belongs to another host instance (epoch 0123456789abcdef)"));
        assertThat(handshake(new Hello(good.epoch(), "other", good.attempt(), good.secret(), good.pid())))
                .isEqualTo(new ControlMessage.Refused("no child other#1 is expected"));
        assertThat(handshake(new Hello(good.epoch(), good.workerId(), good.attempt(), good.secret(), 1)))
                .isEqualTo(new ControlMessage.Refused("child target#1 is process " + good.pid() + ", not 1"));
        try (ControlChannel stranger = connect()) {
            writeQuietly(stranger, TEN_MIB); // no hello at all, just bytes: dropped
            assertThat(receiveOrNull(stranger)).isNull();
        }

        ControlChannel child = connect();
        child.sendLine(CoveyJson.write(good));
        ControlMessage welcome = child.receive();
        assertThat(welcome).isInstanceOf(ControlMessage.Welcome.class);
        assertThat(((ControlMessage.Welcome) welcome).workerClass()).isEqualTo(SleeperWorker.class.getName());
        assertThat(handshake(good)).isEqualTo(new ControlMessage.Refused("child target#1 is already connected; a secret works once"));
        assertThat(callbacks.lines("covey")).contains(
                "refused a control connection that claimed to be this worker: wrong secret for child target#1");
        assertThat(callbacks.exit).isNotDone();

        child.sendLine(CoveyJson.write(new ControlMessage.Status(StatusCall.RUNNING, "fake", null)));
        CompletableFuture.runAsync(() -> writeQuietly(child, TEN_MIB));

        RunExit exit = callbacks.awaitExit(Duration.ofSeconds(10));
        assertThat(exit).isEqualTo(new RunExit(
                "the child broke the control protocol: a control message is larger than the limit of 1048576 bytes", 137, "KILL", true));
        assertThat(callbacks.statuses()).containsExactly(StatusCall.RUNNING);
        child.close();
    }

    @Test
    void aMalformedMessageEndsOnlyThatChild() throws Exception {
        RecordingCallbacks callbacks = new RecordingCallbacks();
        Map<String, String> env = launchFake("garbled", callbacks);
        try (ControlChannel child = connect()) {
            child.sendLine(CoveyJson.write(hello(env)));
            assertThat(child.receive()).isInstanceOf(ControlMessage.Welcome.class);
            child.sendLine("this is not json");

            RunExit exit = callbacks.awaitExit(Duration.ofSeconds(10));
            assertThat(exit.failure()).startsWith("the child broke the control protocol: malformed control message");
            assertThat(exit.forced()).isTrue();
        }
    }

    @Test
    void aRealWorkerPublishingTenMegabytesFailsAloneWhileItsNeighbourRunsOn() throws Exception {
        launcher = new ForeignWorkerLauncher(ChildLaunchSettings.defaults(), scheduler);
        RecordingCallbacks neighbour = new RecordingCallbacks();
        WorkerRun sleeper = launcher.launch(request("neighbour", SleeperWorker.class, null), neighbour);
        RecordingCallbacks big = new RecordingCallbacks();
        WorkerRun bigRun = launcher.launch(request("big", BigMessageWorker.class, new BigMessageWorker.Params(10)), big);
        await().atMost(Duration.ofSeconds(20)).until(() -> neighbour.reported(StatusCall.RUNNING));
        processes.track(sleeper);
        processes.track(bigRun);

        RunExit exit = big.awaitExit(Duration.ofSeconds(20));

        assertThat(exit.failure()).startsWith("runWorker() threw java.lang.IllegalArgumentException: publish(): a control message of ")
                .endsWith("bytes is larger than the limit of 1048576 bytes");
        assertThat(exit.exitCode()).isEqualTo(1);
        assertThat(big.data).isEmpty();
        assertThat(neighbour.exit).isNotDone();
        sleeper.stop(Duration.ofSeconds(5));
        assertThat(neighbour.awaitExit(Duration.ofSeconds(10))).isEqualTo(new RunExit(null, 0, null, false));
    }

    private static void writeQuietly(ControlChannel channel, int bytes) {
        ByteBuffer buffer = ByteBuffer.allocate(bytes);
        try {
            while (buffer.hasRemaining()) {
                channel.socket().write(buffer);
            }
        } catch (IOException e) {
            // The other side gave up reading, as it should.
        }
    }

    private static ControlMessage receiveOrNull(ControlChannel channel) {
        try {
            return channel.receive();
        } catch (Exception e) {
            return null;
        }
    }
}
