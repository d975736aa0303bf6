package io.covey.engine.foreign;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

import io.covey.engine.launch.ResourceUsage;

/** The sampler on a real process tree: a shell with two children, and one that burns CPU. */
class TreeUsageSamplerTest {
    @Test
    void countsTheRootAndEveryDescendantAndTheirCpu() throws Exception {
        Assumptions.assumeTrue(TreeUsageSampler.available(), "needs /proc");
        Process shell = new ProcessBuilder("sh", "-c", "sleep 30 & (while :; do :; done) & wait").start();
        try {
            ProcessTree tree = new ProcessTree(shell.toHandle());
            await().atMost(Duration.ofSeconds(5)).until(() -> shell.toHandle().descendants().count() == 2);
            tree.refresh();
            TreeUsageSampler sampler = new TreeUsageSampler();

            ResourceUsage first = sampler.sample(tree.root(), tree.knownDescendants()).orElseThrow();
            Thread.sleep(500); // the busy loop runs meanwhile: what is measured is that time
            ResourceUsage second = sampler.sample(tree.root(), tree.knownDescendants()).orElseThrow();

            assertThat(first.processes()).isEqualTo(3);
            assertThat(first.cpuPercent()).isNull();
            long expected = TreeUsageSampler.residentBytes(shell.pid());
            for (ProcessHandle child : List.copyOf(tree.knownDescendants())) {
                expected += TreeUsageSampler.residentBytes(child.pid());
            }
            assertThat(second.memoryBytes()).isBetween(expected / 2, expected * 2);
            assertThat(second.cpuPercent()).as("one busy loop: about one core").isBetween(10.0, 200.0);
        } finally {
            shell.toHandle().descendants().forEach(ProcessHandle::destroyForcibly);
            shell.destroyForcibly();
        }
    }

    @Test
    void aProcessThatIsGoneHasNoSample() throws Exception {
        Process gone = new ProcessBuilder("true").start();
        gone.waitFor();
        assertThat(new TreeUsageSampler().sample(gone.toHandle(), List.of())).isEmpty();
        assertThat(TreeUsageSampler.residentBytes(gone.pid())).isEqualTo(-1);
    }
}
