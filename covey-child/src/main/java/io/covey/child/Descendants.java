package io.covey.child;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/** The processes this child started, directly or not: they leave with it. */
final class Descendants {
    private Descendants() {
    }

    /** SIGTERM to every descendant, then SIGKILL to whatever is left after {@code grace}. */
    static void kill(Duration grace) {
        List<ProcessHandle> all = ProcessHandle.current().descendants().toList();
        if (all.isEmpty()) {
            return;
        }
        all.forEach(ProcessHandle::destroy);
        try {
            CompletableFuture.allOf(all.stream().map(ProcessHandle::onExit).toArray(CompletableFuture[]::new))
                    .get(grace.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException | ExecutionException e) {
            // Some ignore SIGTERM: they get SIGKILL below.
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        all.stream().filter(ProcessHandle::isAlive).forEach(ProcessHandle::destroyForcibly);
        ProcessHandle.current().descendants().forEach(ProcessHandle::destroyForcibly);
    }
}
