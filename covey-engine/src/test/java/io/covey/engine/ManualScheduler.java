package io.covey.engine;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/** A {@link Scheduler} driven by a {@link ManualClock}: tasks run when the test advances time past them. */
public final class ManualScheduler implements Scheduler {
    private final ManualClock clock;
    private final List<Task> tasks = new ArrayList<>();

    public ManualScheduler(ManualClock clock) {
        this.clock = clock;
    }

    private record Task(Instant due, Runnable action, boolean[] cancelled) {
    }

    @Override
    public synchronized Cancellable schedule(Duration delay, Runnable task) {
        boolean[] cancelled = {false};
        tasks.add(new Task(clock.instant().plus(delay), task, cancelled));
        return () -> {
            synchronized (ManualScheduler.this) {
                cancelled[0] = true;
            }
        };
    }

    /** Moves time forward and runs every task that became due, in due order. */
    public void advance(Duration duration) {
        clock.advance(duration);
        List<Task> due;
        synchronized (this) {
            Instant now = clock.instant();
            due = tasks.stream().filter(t -> !t.due().isAfter(now)).sorted(Comparator.comparing(Task::due)).toList();
            tasks.removeAll(due);
        }
        for (Task task : due) {
            boolean cancelled;
            synchronized (this) {
                cancelled = task.cancelled()[0];
            }
            if (!cancelled) {
                task.action().run();
            }
        }
    }

    /** The delays of pending, uncancelled tasks from now. */
    public synchronized List<Duration> pendingDelays() {
        Instant now = clock.instant();
        return tasks.stream().filter(t -> !t.cancelled()[0]).map(t -> Duration.between(now, t.due())).sorted().toList();
    }
}
