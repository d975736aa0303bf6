package io.covey.client;

import java.util.concurrent.CompletableFuture;
import java.util.function.Function;

import io.covey.core.api.CoveyException;
import io.covey.core.api.WorkerEndedException;
import io.covey.core.api.WorkerStatus;
import io.covey.core.event.CoveyEvent;
import io.covey.core.event.EventFilter;
import io.covey.core.event.EventType;
import io.covey.core.event.GapEvent;
import io.covey.core.event.GroupEvent;
import io.covey.core.event.LifecycleEvent;
import io.covey.core.event.ResultEvent;
import io.covey.core.event.Subscription;
import io.covey.core.lifecycle.WorkerState;
import io.covey.core.spec.RestartPolicy;
import tools.jackson.databind.JsonNode;

/**
 * The remote {@code result(id)}: take the journal's position, read the worker's status, and
 * if it has not ended yet follow its group's events from that position. Since the position is
 * taken before the status is read, no transition can slip between the two.
 */
final class ResultWatcher {
    private final String id;
    private final CompletableFuture<JsonNode> future = new CompletableFuture<>();
    private final Function<String, WorkerStatus> status;
    private volatile Subscription subscription;

    private ResultWatcher(String id, Function<String, WorkerStatus> status) {
        this.id = id;
        this.status = status;
    }

    /**
     * @param lastSeq   the journal's position, read before the status
     * @param subscribe opens a subscription from a seq with a filter and a listener
     */
    static CompletableFuture<JsonNode> watch(String id, long lastSeq, Function<String, WorkerStatus> status,
                                             SubscribeFrom subscribe) {
        ResultWatcher watcher = new ResultWatcher(id, status);
        WorkerStatus now = status.apply(id);
        if (watcher.settleFrom(now)) {
            return watcher.future;
        }
        EventFilter filter = EventFilter.group(now.group()).withTypes(EventType.LIFECYCLE, EventType.RESULT, EventType.GROUP);
        watcher.subscription = subscribe.from(lastSeq, filter, watcher::onEvent);
        watcher.future.whenComplete((value, error) -> watcher.subscription.close());
        return watcher.future;
    }

    /** Settles the future from a status; false while the worker may still complete. */
    private boolean settleFrom(WorkerStatus worker) {
        if (worker.state() == WorkerState.COMPLETED) {
            future.complete(worker.result());
            return true;
        }
        if (worker.state() == WorkerState.FAILED) {
            return fail("failed: " + worker.message());
        }
        if (worker.state() == WorkerState.CRASHED && restartsNever(worker)) {
            return fail("crashed and its restart policy is never: " + worker.message());
        }
        return false;
    }

    private void onEvent(CoveyEvent event) {
        if (event instanceof GapEvent) {
            recheck();
        } else if (event instanceof ResultEvent result && id.equals(result.worker())) {
            future.complete(result.result());
        } else if (event instanceof LifecycleEvent life && id.equals(life.worker())) {
            if (life.state() == WorkerState.FAILED) {
                fail("failed: " + life.message());
            } else if (life.state() == WorkerState.CRASHED) {
                recheck();
            }
        } else if (event instanceof GroupEvent group && group.stopped().contains(id) && !group.started().contains(id)) {
            // Removed from its group (or the group was nuked); a replaced worker is in both lists.
            fail("was removed");
        }
    }

    /** After a gap or a crash, the recorded status decides; a worker gone meanwhile was removed. */
    private void recheck() {
        try {
            settleFrom(status.apply(id));
        } catch (CoveyClientException e) {
            if (e.isNotFound()) {
                fail("was removed");
            } else {
                future.completeExceptionally(e);
            }
        } catch (CoveyException e) {
            future.completeExceptionally(e);
        }
    }

    /** Only an explicit {@code never} is visible to a client; a host-wide default is not. */
    private static boolean restartsNever(WorkerStatus worker) {
        return worker.spec() != null && worker.spec().options().restart() == RestartPolicy.NEVER;
    }

    private boolean fail(String why) {
        future.completeExceptionally(new WorkerEndedException("worker '" + id + "' " + why));
        return true;
    }

    @FunctionalInterface
    interface SubscribeFrom {
        Subscription from(long sinceSeq, EventFilter filter, io.covey.core.event.EventListener listener);
    }
}
