package io.covey.engine.foreign;

import static io.covey.engine.foreign.ForeignTestSupport.request;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import io.covey.core.launch.ChildLaunchSettings;
import io.covey.core.worker.StatusCall;
import io.covey.engine.ExecutorScheduler;
import io.covey.engine.foreign.workers.FloodWorker;
import io.covey.engine.launch.RunExit;

/** Output floods: nothing blocks, every byte arrives, lines are cut at 16 KiB. */
class ForeignOutputFloodTest {
    private static final int MIB = 1024 * 1024;

    private final ForeignTestSupport processes = ForeignTestSupport.create();
    private final ExecutorScheduler scheduler = new ExecutorScheduler();
    private final ForeignWorkerLauncher launcher = new ForeignWorkerLauncher(ChildLaunchSettings.defaults(), scheduler);

    @AfterEach
    void cleanUp() {
        launcher.close();
        processes.killAll();
        scheduler.close();
    }

    @Test
    void fiftyMegabytesWithoutANewlineArriveInPiecesOf16KiB() throws Exception {
        RecordingCallbacks callbacks = new RecordingCallbacks();
        processes.track(launcher.launch(request("flood", FloodWorker.class, new FloodWorker.Params("no-newline", 50)), callbacks));

        RunExit exit = callbacks.awaitExit(Duration.ofSeconds(60));

        assertThat(exit).isEqualTo(new RunExit(null, 0, null, false));
        assertThat(callbacks.statuses()).containsExactly(StatusCall.RUNNING, StatusCall.COMPLETED);
        assertThat(callbacks.charCount("stdout")).isEqualTo(50L * MIB);
        assertThat(callbacks.lineCount("stdout")).isEqualTo(50L * MIB / OutputDrain.MAX_LINE_CHARS);
        assertThat(callbacks.longestLine.get("stdout")).hasValue(OutputDrain.MAX_LINE_CHARS);
    }

    @Test
    void aHundredMegabytesAlternatingBetweenStdoutAndStderrAllArrive() throws Exception {
        RecordingCallbacks callbacks = new RecordingCallbacks();
        processes.track(launcher.launch(request("chatter", FloodWorker.class, new FloodWorker.Params("alternate", 100)), callbacks));

        RunExit exit = callbacks.awaitExit(Duration.ofSeconds(90));

        assertThat(exit).isEqualTo(new RunExit(null, 0, null, false));
        assertThat(callbacks.statuses()).containsExactly(StatusCall.RUNNING, StatusCall.COMPLETED);
        long linesPerStream = 100L * MIB / 1024 / 2;
        assertThat(callbacks.lineCount("stdout")).isEqualTo(linesPerStream);
        assertThat(callbacks.lineCount("stderr")).isEqualTo(linesPerStream);
        assertThat(callbacks.charCount("stdout")).isEqualTo(linesPerStream * 1023);
        assertThat(callbacks.charCount("stderr")).isEqualTo(linesPerStream * 1023);
    }
}
