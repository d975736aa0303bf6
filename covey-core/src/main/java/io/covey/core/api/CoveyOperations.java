package io.covey.core.api;

import java.util.List;
import java.util.concurrent.CompletableFuture;

import io.covey.core.event.EventFilter;
import io.covey.core.event.EventListener;
import io.covey.core.event.Subscription;
import io.covey.core.json.CoveyJson;
import io.covey.core.spec.CoveyGroup;
import io.covey.core.spec.WorkerDeclaration;
import io.covey.core.worker.WorkerInput;
import tools.jackson.databind.JsonNode;

/**
 * What a user can ask of Covey. Implemented by the in-process {@code CoveyManager} and by the
 * remote {@code CoveyClient}: code written against one runs against the other.
 */
public interface CoveyOperations {

    /**
     * Makes the group contain exactly these workers: new ones start, ones no longer listed stop
     * and are removed, the rest are left alone. A stopped group runs again.
     */
    GroupDiff runGroup(CoveyGroup group);

    /**
     * What {@link #runGroup(CoveyGroup)} would do, checked the same way (a declaration it would
     * refuse is refused), doing none of it: nothing starts, stops, is recorded or journaled.
     * The diff's revision is the current one.
     */
    GroupDiff dryRunGroup(CoveyGroup group);

    /** Adds workers to a group (creating it if needed); ones already in it are left alone. */
    GroupDiff addWorkers(String group, List<? extends WorkerDeclaration> workers);

    /** Stops and removes these workers from the group. */
    GroupDiff removeWorkers(String group, List<String> workerIds);

    /** Stops every worker of the group and keeps the declaration. */
    GroupStatus stopGroup(String group);

    /** Stops every worker of the group and forgets the group. */
    void nukeGroup(String group);

    List<GroupStatus> groups();

    GroupStatus group(String name);

    WorkerStatus worker(String id);

    /** Starts a worker anew (stopping it first if it runs) and resets its crash count. */
    WorkerStatus restartWorker(String id);

    /**
     * Ends a worker's attempt at once, for a stop that hangs or a worker that is stuck: SIGKILL to a
     * foreign worker's whole process tree, a forced stop for an in-process one. While STOPPING it
     * ends STOPPED with {@code forced}; while STARTING or RUNNING it ends CRASHED (reason
     * {@code killed}) and its restart policy applies. Returns the status as it is right after the
     * kill was asked; the end follows as events.
     */
    WorkerStatus kill(String id);

    /**
     * Runs the declaration that holds worker {@code id} (a spec's id, or one of its instances' ids
     * {@code <id>-<n>}) as {@code instances} workers: indexes it gains start, the highest ones it
     * loses stop and are removed, the rest are left alone. The limits count each instance.
     */
    GroupDiff scale(String id, int instances);

    /** The last {@code tail} log lines of a worker, oldest first. */
    List<LogLine> logs(String id, int tail);

    /** The worker types that may be declared. */
    List<String> workerTypes();

    /**
     * Delivers every retained event after {@code sinceSeq} that passes the filter, then live
     * ones. A {@code sinceSeq} older than what is retained first yields a {@code gap} event.
     */
    Subscription subscribe(long sinceSeq, EventFilter filter, EventListener listener);

    /** Live events only, from now on. */
    Subscription subscribe(EventFilter filter, EventListener listener);

    /**
     * The result a worker completes with. Completes at once for a worker already COMPLETED;
     * fails when the worker ends FAILED, crashes for good, or is removed.
     */
    CompletableFuture<JsonNode> result(String id);

    /** {@link #result(String)} converted to {@code type}. */
    default <T> CompletableFuture<T> result(String id, Class<T> type) {
        return result(id).thenApply(node -> CoveyJson.convert(node, type));
    }

    /**
     * Sends input to a running worker whose type overrides {@code onInput}: queued for it, and
     * delivered in the order sent (over the control channel to a foreign worker). Returns once it
     * is queued. Refused with {@link InputNotAcceptedException} when the worker
     * takes no input or is not RUNNING, and {@link InputQueueFullException} when
     * as much input as its {@code inputQueue} option allows is still unhandled.
     */
    InputReceipt send(String id, WorkerInput input);

    /** {@link #send(String, WorkerInput)} of {@code data}: a byte array as bytes, anything else as JSON. */
    default InputReceipt send(String id, Object data) {
        return send(id, WorkerInput.of(data));
    }

    default GroupDiff runGroup(String name, List<? extends WorkerDeclaration> workers) {
        return runGroup(new CoveyGroup(name, workers));
    }
}
