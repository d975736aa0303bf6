package io.covey.engine.foreign;

import java.time.Duration;
import java.util.concurrent.Executor;

import io.covey.core.launch.ChildLaunchSettings;
import io.covey.engine.Scheduler;

/**
 * What the runs and the warm pool of one launcher share, built once by the launcher and handed
 * down at their construction: how children are made, where they connect to, and the threads and
 * timers they run on. Nothing in it leads back to the launcher.
 *
 * @param executor  the launcher's threads: spawns, signals, writes to a channel, and what timers hand on
 * @param scheduler timers only; a timer's task hands its work to {@code executor}
 */
record LaunchContext(ChildTemplate template, ControlEndpoint endpoint, Executor executor, Scheduler scheduler) {
    ChildLaunchSettings settings() {
        return template.settings();
    }

    /** Runs {@code task} on the launcher's threads after {@code delay}. */
    Scheduler.Cancellable later(Duration delay, Runnable task) {
        return scheduler.schedule(delay, () -> executor.execute(task));
    }
}
