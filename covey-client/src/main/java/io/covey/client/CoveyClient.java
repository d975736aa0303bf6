package io.covey.client;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import org.springframework.http.HttpMethod;
import org.springframework.web.socket.WebSocketHttpHeaders;
import org.springframework.web.socket.client.WebSocketClient;

import io.covey.core.api.CoveyOperations;
import io.covey.core.api.GroupDiff;
import io.covey.core.api.GroupStatus;
import io.covey.core.api.InputReceipt;
import io.covey.core.api.LogLine;
import io.covey.core.api.WorkerStatus;
import io.covey.core.event.EventFilter;
import io.covey.core.event.EventListener;
import io.covey.core.event.Subscription;
import io.covey.core.spec.CoveyGroup;
import io.covey.core.spec.WorkerDeclaration;
import io.covey.core.spec.WorkerSpec;
import io.covey.core.worker.WorkerInput;
import tools.jackson.databind.JsonNode;

/**
 * {@link CoveyOperations} against a remote host: the REST API for calls, the WebSocket event
 * stream for subscriptions and results. Code written against the interface runs unchanged
 * against the in-process manager and against this client. Errors of the host arrive as
 * {@link CoveyClientException} (a {@code CoveyException}). Thread-safe; close it to end its
 * subscriptions.
 */
public final class CoveyClient implements CoveyOperations, AutoCloseable {
    private final CoveyClientSettings settings;
    private final HostApi api;
    /** Made on the first subscription: a client that only calls the API (the CLI's ls) never loads it. */
    private volatile WebSocketClient sockets;
    private final WebSocketHttpHeaders socketHeaders = new WebSocketHttpHeaders();
    private final ScheduledExecutorService reconnects;
    private final Set<Subscription> subscriptions = ConcurrentHashMap.newKeySet();

    public CoveyClient(CoveyClientSettings settings) {
        this(settings, List.of());
    }

    public CoveyClient(CoveyClientSettings settings, List<CoveyClientCustomizer> customizers) {
        this.settings = Objects.requireNonNull(settings, "settings");
        this.api = new HostApi(settings, customizers);
        if (!settings.token().isEmpty()) {
            socketHeaders.setBearerAuth(settings.token());
        }
        this.reconnects = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "covey-client-reconnect");
            thread.setDaemon(true);
            return thread;
        });
    }

    public CoveyClientSettings settings() {
        return settings;
    }

    @Override
    public GroupDiff runGroup(CoveyGroup group) {
        return api.send(HttpMethod.PUT, workersBody(group.workers()), GroupDiff.class, "/api/v1/groups/{name}", group.name());
    }

    @Override
    public GroupDiff dryRunGroup(CoveyGroup group) {
        return api.send(HttpMethod.PUT, workersBody(group.workers()), GroupDiff.class, "/api/v1/groups/{name}?dryRun=true",
                group.name());
    }

    @Override
    public GroupDiff addWorkers(String group, List<? extends WorkerDeclaration> workers) {
        List<WorkerSpec> specs = workers.stream().map(WorkerDeclaration::toSpec).toList();
        return api.send(HttpMethod.POST, workersBody(specs), GroupDiff.class, "/api/v1/groups/{name}/workers", group);
    }

    /**
     * The host removes one worker per call, so this checks first that the group has every one of
     * them (refusing the whole list otherwise, as the local manager does), then removes them one
     * by one. Unlike the local manager, a concurrent change can come in between the calls.
     */
    @Override
    public GroupDiff removeWorkers(String group, List<String> workerIds) {
        List<String> present = group(group).workers().stream().map(WorkerStatus::id).toList();
        for (String id : workerIds) {
            if (!present.contains(id)) {
                api.sendDiscarding(HttpMethod.DELETE, "/api/v1/groups/{name}/workers/{id}", group, id); // the host's own 404
            }
        }
        List<String> stopped = new ArrayList<>();
        GroupDiff last = null;
        for (String id : workerIds) {
            last = api.send(HttpMethod.DELETE, null, GroupDiff.class, "/api/v1/groups/{name}/workers/{id}", group, id);
            stopped.addAll(last.stopped());
        }
        return last == null ? new GroupDiff(group, List.of(), List.of(), present, 0)
                : new GroupDiff(group, List.of(), stopped, last.unchanged(), last.revision());
    }

    @Override
    public GroupStatus stopGroup(String group) {
        return api.send(HttpMethod.POST, null, GroupStatus.class, "/api/v1/groups/{name}/stop", group);
    }

    @Override
    public void nukeGroup(String group) {
        api.sendDiscarding(HttpMethod.DELETE, "/api/v1/groups/{name}", group);
    }

    @Override
    public List<GroupStatus> groups() {
        return api.getList(GroupStatus.class, "/api/v1/groups");
    }

    @Override
    public GroupStatus group(String name) {
        return api.get(GroupStatus.class, "/api/v1/groups/{name}", name);
    }

    @Override
    public WorkerStatus worker(String id) {
        return api.get(WorkerStatus.class, "/api/v1/workers/{id}", id);
    }

    @Override
    public WorkerStatus restartWorker(String id) {
        return api.send(HttpMethod.POST, null, WorkerStatus.class, "/api/v1/workers/{id}/restart", id);
    }

    @Override
    public WorkerStatus kill(String id) {
        return api.send(HttpMethod.POST, null, WorkerStatus.class, "/api/v1/workers/{id}/kill", id);
    }

    @Override
    public GroupDiff scale(String id, int instances) {
        return api.send(HttpMethod.POST, Map.of("instances", instances), GroupDiff.class,
                "/api/v1/workers/{id}/scale", id);
    }

    @Override
    public List<LogLine> logs(String id, int tail) {
        return api.getList(LogLine.class, "/api/v1/workers/{id}/logs?tail={tail}", id, tail);
    }

    /** {@code POST /api/v1/workers/{id}/input}: JSON as {@code application/json}, bytes as {@code application/octet-stream}. */
    @Override
    public InputReceipt send(String id, WorkerInput input) {
        Objects.requireNonNull(input, "input");
        if (input instanceof WorkerInput.Json json) {
            return api.send(HttpMethod.POST, json.value(), InputReceipt.class, "/api/v1/workers/{id}/input", id);
        }
        return api.postBytes(input.bytes(), InputReceipt.class, "/api/v1/workers/{id}/input", id);
    }

    @Override
    public List<String> workerTypes() {
        return api.get(Manifest.class, "/api/v1/manifest").types();
    }

    /**
     * The host's answer to {@code GET path} as it was sent: for tools that pass the host's
     * documents on (the CLI's {@code -o json}) or show fields newer than this client's records.
     * {@code path} is a template below the base URL, e.g. {@code /api/v1/workers/{id}}; the
     * variables are encoded, so an id cannot change the path's shape.
     */
    public JsonNode getJson(String path, Object... vars) {
        if (path == null || !path.startsWith("/")) {
            throw new IllegalArgumentException("the path must start with '/', was " + path);
        }
        return api.get(JsonNode.class, path, vars);
    }

    /** The seq of the host's newest event: subscribing from it gets everything that happens from now on. */
    public long lastEventSeq() {
        return api.get(JournalPosition.class, "/api/v1/events").lastSeq();
    }

    /**
     * Opens the event stream (throwing at once if the host cannot be reached) and keeps it open:
     * after a dropped connection or a host restart it reconnects with backoff and resumes after
     * the last delivered seq. A negative {@code sinceSeq} means "from now on".
     */
    @Override
    public Subscription subscribe(long sinceSeq, EventFilter filter, EventListener listener) {
        Objects.requireNonNull(listener, "listener");
        long since = sinceSeq < 0 ? lastEventSeq() : sinceSeq;
        RemoteSubscription subscription = new RemoteSubscription(sockets(), settings, socketHeaders, filter, listener, reconnects, since);
        subscription.open();
        subscriptions.add(subscription);
        subscriptions.removeIf(Subscription::isClosed);
        return subscription;
    }

    /** From now on: the cursor is the host's newest seq, read before the stream opens, so a drop before the first event loses nothing either. */
    @Override
    public Subscription subscribe(EventFilter filter, EventListener listener) {
        return subscribe(-1, filter, listener);
    }

    @Override
    public CompletableFuture<JsonNode> result(String id) {
        // An unknown worker throws here, as the local manager's call does.
        return ResultWatcher.watch(id, lastEventSeq(), this::worker, this::subscribe);
    }

    private WebSocketClient sockets() {
        WebSocketClient client = sockets;
        if (client == null) {
            synchronized (this) {
                if (sockets == null) {
                    sockets = EventSockets.client(settings);
                }
                client = sockets;
            }
        }
        return client;
    }

    /** Ends every subscription of this client. */
    @Override
    public void close() {
        subscriptions.forEach(Subscription::close);
        subscriptions.clear();
        reconnects.shutdownNow();
    }

    private static Map<String, Object> workersBody(List<WorkerSpec> specs) {
        return Map.of("workers", specs);
    }

    /** The manifest's declarable types; what else the host says (types unavailable on it) is not for declaring. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    record Manifest(List<String> types) {
    }

    record JournalPosition(long lastSeq, long oldestRetainedSeq) {
    }
}
