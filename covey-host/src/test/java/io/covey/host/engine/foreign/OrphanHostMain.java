package io.covey.host.engine.foreign;

import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;

import io.covey.host.engine.ExecutorScheduler;
import io.covey.host.engine.foreign.workers.StubbornWorker;
import io.covey.host.engine.launch.RunCallbacks;
import io.covey.host.engine.launch.RunExit;
import io.covey.host.engine.launch.StatusReport;
import io.covey.host.engine.launch.WorkerRun;
import io.covey.worker.launch.ChildLaunchSettings;
import tools.jackson.databind.JsonNode;

/**
 * A tiny host for {@link HostKilledTest}: launches a stubborn foreign worker with grandchildren,
 * prints "PIDS child grandchild..." once it runs, and waits to be killed.
 */
public final class OrphanHostMain {
    private OrphanHostMain() {
    }

    /** @param args the directory for the control socket (a killed host cannot remove it itself) */
    public static void main(String[] args) throws InterruptedException {
        ChildLaunchSettings settings = new ChildLaunchSettings(null, null, null, null, null, null, Path.of(args[0]),
                null, null, null, null, 0);
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
}
