package io.covey.engine.foreign;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import io.covey.core.json.CoveyJson;
import io.covey.core.launch.ChildLaunchSettings;
import io.covey.core.lifecycle.WorkerState;
import io.covey.core.manifest.CoveyManifest;
import io.covey.core.spec.CoveyGroup;
import io.covey.core.spec.WorkerOptions;
import io.covey.core.spec.WorkerSpec;
import io.covey.engine.CoveyManager;
import io.covey.engine.ExecutorScheduler;
import io.covey.engine.testworkers.InputSinkWorker;

/** Input to a worker in a child JVM: over the control channel, in order, bytes unchanged. */
class ForeignInputTest {
    private final ExecutorScheduler scheduler = new ExecutorScheduler();
    private final ForeignWorkerLauncher launcher = new ForeignWorkerLauncher(ChildLaunchSettings.defaults(), scheduler);
    private final CoveyManager manager = CoveyManager.builder(CoveyManifest.of(InputSinkWorker.class))
            .scheduler(scheduler).foreignLauncher(launcher).build();

    @AfterEach
    void cleanUp() {
        manager.close();
        launcher.close();
        scheduler.close();
    }

    @Test
    void jsonAndEveryByteValueReachTheForeignWorkerInTheOrderSent() {
        manager.runGroup(new CoveyGroup("g", List.of(new WorkerSpec("InputSinkWorker", "child",
                CoveyJson.toTree(new InputSinkWorker.Params("child", null)), WorkerOptions.NONE.withForeign(true)))));
        await().atMost(Duration.ofSeconds(20)).until(() -> manager.worker("child").state() == WorkerState.RUNNING);
        assertThat(manager.worker("child").pid()).isNotNull();

        byte[] everyByte = new byte[256];
        for (int i = 0; i < 256; i++) {
            everyByte[i] = (byte) i;
        }
        List<String> expected = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            manager.send("child", Map.of("i", i, "text", "ü\n\"" + i));
            expected.add("json " + CoveyJson.write(Map.of("i", i, "text", "ü\n\"" + i)));
        }
        manager.send("child", everyByte);
        expected.add("bytes " + HexFormat.of().formatHex(everyByte));

        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(manager.logs("child", 200).stream()
                .filter(l -> l.stream().equals("worker")).map(l -> l.line()).toList()).isEqualTo(expected));

        // Larger than the control channel takes once in base64 (1 MiB by default): refused, not accepted and lost.
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> manager.send("child", new byte[800 * 1024]))
                .isInstanceOf(io.covey.core.api.InputNotAcceptedException.class)
                .hasMessageContaining("over its limit of 1048576 bytes; send it in smaller pieces");
        manager.send("child", Map.of("after", "the refusal"));
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(manager.logs("child", 200).stream()
                .filter(l -> l.stream().equals("worker")).map(l -> l.line()).toList()).last()
                .isEqualTo("json {\"after\":\"the refusal\"}"));
    }
}
