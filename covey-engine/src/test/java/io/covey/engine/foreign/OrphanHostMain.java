package io.covey.engine.foreign;

import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;

import org.awaitility.Awaitility;

import io.covey.engine.ExecutorScheduler;
import io.covey.engine.foreign.workers.StubbornWorker;
import io.covey.engine.launch.RunCallbacks;
import io.covey.engine.launch.RunExit;
import io.covey.engine.launch.StatusReport;
import io.covey.engine.launch.WorkerRun;
import io.covey.core.launch.ChildLaunchSettings;
import tools.jackson.databind.JsonNode;

/**
 * A tiny host for {@link HostKilledTest}: launches a stubborn foreign worker with grandchildren,
 * prints "PIDS child grandchild..." once it runs, and waits to be killed.
 */
public final class OrphanHostMain {
    private OrphanHostMain() {
    }

    /**
     * @param args the directory for the control socket (a killed host cannot remove it itself); then
     *             {@code warm N} to print the pids of N waiting warm children instead
     */
    public static void main(String[] args) throws InterruptedException {
        ChildLaunchSettings settings = new ChildLaunchSettings(null, null, null, null, null, null, Path.of(args[0]),
                null, null, null, null, 0);
        if (args.length == 3 && args[1].equals("warm")) {
            waitingChildren(settings.withWarmPool(new ChildLaunchSettings.WarmPool(Integer.parseInt(args[2]), Duration.ZERO)));
            return;
        }
        ForeignWorkerLauncher launcher = new ForeignWorkerLauncher(settings, new ExecutorScheduler());
        WorkerRun[] run = new WorkerRun[1];
        run[0] = launcher.launch(ForeignTestSupport.request("orphan", StubbornWorker.class, null), new RunCallbacks() {
            @Override
            public void reported(StatusReport report) {
            }

            @Override
            public void log(String stream, String line) {
            }

            @Override
            public void data(JsonNode data) {
                StringBuilder line = new StringBuilder("PIDS");
                data.get("pids").forEach(pid -> line.append(' ').append(pid.asLong()));
                System.out.println(line);
                System.out.flush();
            }

            @Override
            public void exited(RunExit exit) {
                System.out.println("EXITED " + exit);
            }
        });
        new CountDownLatch(1).await();
    }

    private static void waitingChildren(ChildLaunchSettings settings) throws InterruptedException {
        ForeignWorkerLauncher launcher = new ForeignWorkerLauncher(settings, new ExecutorScheduler());
        launcher.prestart();
        Awaitility.await().atMost(Duration.ofSeconds(60))
                .until(() -> launcher.waitingChildPids().size() == settings.warmPool().size());
        StringBuilder line = new StringBuilder("PIDS");
        launcher.waitingChildPids().forEach(pid -> line.append(' ').append(pid));
        System.out.println(line);
        System.out.flush();
        new CountDownLatch(1).await();
    }
}
