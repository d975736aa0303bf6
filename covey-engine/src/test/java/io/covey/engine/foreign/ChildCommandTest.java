package io.covey.engine.foreign;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.covey.engine.foreign.workers.GreeterWorker;
import io.covey.child.ChildMain;
import io.covey.core.launch.ChildLaunchSettings;

class ChildCommandTest {

    @Test
    void theCommandLineCarriesNeitherTheSecretNorTheParams(@TempDir Path workerPath) throws Exception {
        Files.createFile(workerPath.resolve("b.jar"));
        Files.createFile(workerPath.resolve("a.jar"));
        Files.createFile(workerPath.resolve("notes.txt"));
        ChildLaunchSettings settings = new ChildLaunchSettings(Path.of("/opt/java/bin/java"), List.of("-Xmx64m"),
                List.of("/app/classes"), List.of("/extra.jar"), workerPath, List.of("HOME"), null, null, null, null, null, 0);

        ChildCommand command = ChildCommand.of(settings,
                ForeignTestSupport.request("g1", GreeterWorker.class, new GreeterWorker.Params("top-secret-param", true)),
                Map.of("HOME", "/home/x", "SHELL", "/bin/sh", "COVEY_API_TOKEN", "t", "COVEY_CHILD_SECRET", "stale"),
                Map.of("COVEY_CHILD_SECRET", "fresh"));

        assertThat(command.command()).containsExactly("/opt/java/bin/java", "-Xmx64m", "-Dcovey.worker=g1#1", "-cp",
                String.join(File.pathSeparator, "/app/classes", "/extra.jar",
                        workerPath.resolve("a.jar").toString(), workerPath.resolve("b.jar").toString()),
                ChildMain.class.getName());
        assertThat(String.join(" ", command.command())).doesNotContain("top-secret-param", "fresh");
        assertThat(command.environment()).containsOnly(Map.entry("HOME", "/home/x"), Map.entry("COVEY_CHILD_SECRET", "fresh"));
    }

    @Test
    void aWorkersOwnJvmOptionsAndHeapComeAfterTheHostsSoTheyWin() throws Exception {
        ChildLaunchSettings settings = new ChildLaunchSettings(Path.of("/opt/java/bin/java"), List.of("-Xmx256m"),
                List.of("/app/classes"), null, null, List.of(), null, null, null, null, null, 0);
        var request = ForeignTestSupport.request("g1", GreeterWorker.class, new GreeterWorker.Params("x", true));
        var own = new io.covey.engine.launch.LaunchRequest(request.workerId(), request.group(), 1, request.type(), request.params(),
                request.options().withJvmOptions(List.of("-XX:+UseG1GC", "-Dmode=batch"))
                        .withMaxHeap(io.covey.core.spec.ByteSize.parse("1g")));

        ChildCommand command = ChildCommand.of(settings, own, Map.of(), Map.of());

        assertThat(command.command()).containsSubsequence("/opt/java/bin/java", "-Xmx256m", "-XX:+UseG1GC", "-Dmode=batch",
                "-Xmx1g", "-Dcovey.worker=g1#1", ChildMain.class.getName());
    }
}
