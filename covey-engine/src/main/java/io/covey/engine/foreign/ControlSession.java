package io.covey.engine.foreign;

import java.io.IOException;
import java.time.Duration;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

import io.covey.core.api.InputNotAcceptedException;
import io.covey.core.json.CoveyJson;
import io.covey.core.launch.ChildLaunchSettings;
import io.covey.core.protocol.ControlChannel;
import io.covey.core.protocol.ControlCodec;
import io.covey.core.protocol.ControlMessage;
import io.covey.core.protocol.ProtocolException;
import io.covey.core.worker.StatusCall;
import io.covey.core.worker.WorkerHealth;
import io.covey.core.worker.WorkerInput;
import io.covey.engine.launch.LaunchRequest;
import io.covey.engine.launch.RunCallbacks;
import io.covey.engine.launch.StatusReport;

/**
 * The host's end of one child's control channel, after the hello checked out: sends the work (a
 * welcome, or an assign to a warm child), relays what the worker says to the callbacks, and
 * remembers when the child was last heard from. A message that breaks the protocol ends the
 * session and {@link #serve} returns why, so that its run can kill the child: the attempt ends,
 * never the host.
 */
final class ControlSession {
    /** Far below a socket's send buffer (some 200 KiB for a Unix socket on Linux), so a write of it never waits. */
    static final int SEND_NOW_LIMIT = 16 * 1024;

    private final LaunchRequest request;
    private final RunCallbacks callbacks;
    private final ChildLaunchSettings settings;
    private volatile ControlChannel channel;
    private volatile boolean connecting;
    private volatile boolean workSent;
    /** A stop was asked; a child that connects later is told right after its work. */
    private volatile boolean stopWanted;
    private volatile long lastHeardNanos = System.nanoTime();
    private volatile ControlMessage.Ended verdict;
    private final CompletableFuture<Void> served = new CompletableFuture<>();
    private final AtomicLong healthRequestIds = new AtomicLong();
    private final Map<Long, CompletableFuture<WorkerHealth>> healthRequests = new ConcurrentHashMap<>();
    /** Inputs waiting to be written, in order; the engine bounds how many (see Engine.send). */
    private final Queue<EncodedInput> inputs = new ConcurrentLinkedQueue<>();
    private final AtomicBoolean writingInputs = new AtomicBoolean();
    private final AtomicLong inputSeqs = new AtomicLong();

    ControlSession(LaunchRequest request, RunCallbacks callbacks, ChildLaunchSettings settings) {
        this.request = request;
        this.callbacks = callbacks;
        this.settings = settings;
    }

    void heard() {
        lastHeardNanos = System.nanoTime();
    }

    Duration silence() {
        return Duration.ofNanos(System.nanoTime() - lastHeardNanos);
    }

    boolean connected() {
        return channel != null;
    }

    /** What the child said last about the attempt, or null if it never said. */
    ControlMessage.Ended verdict() {
        return verdict;
    }

    /**
     * Sends the work, then serves the channel until it closes. The channel is published only after
     * the welcome, so a stop can never overtake it; a stop asked meanwhile is sent here.
     *
     * @return why the child must be killed (it broke the protocol, or its params cannot be sent), or null
     */
    String serve(ControlChannel accepted, boolean warm) {
        try {
            return serveUntilClosed(accepted, warm);
        } finally {
            served.complete(null);
        }
    }

    /**
     * Completes when every message the child sent has been read: at once if it never connected.
     * The exit waits for it, so the last reports are never lost to a closing channel.
     */
    CompletableFuture<Void> drained() {
        return connecting ? served : CompletableFuture.completedFuture(null);
    }

    /**
     * Sends a warm child its assign on the calling thread, which saves the start a thread hand-off,
     * when that cannot block or break anything: a small message into the empty socket buffer of a
     * child that only reads. Returns false, having sent nothing, when the connection's thread is to
     * send it: large params, or an interrupted caller (an interrupted thread's write would close the
     * channel). The caller hands the child over to the connection's thread either way.
     */
    boolean sendAssignNow(ControlChannel accepted) {
        if (Thread.currentThread().isInterrupted()) {
            return false;
        }
        byte[] json = ControlCodec.encode(work(true));
        if (json.length > SEND_NOW_LIMIT) {
            return false;
        }
        connecting = true;
        heard();
        workSent = true;
        try {
            accepted.sendLine(json);
        } catch (IOException | ProtocolException e) {
            // The child is gone (and the size was checked): its exit and the connection's thread tell the rest.
        } finally {
            channel = accepted; // a stop from now on is sent directly: the assign went first
        }
        return true;
    }

    private ControlMessage work(boolean warm) {
        String type = request.type().name();
        String workerClass = request.type().workerClass().getName();
        long heartbeat = settings.heartbeatInterval().toMillis();
        return warm
                ? new ControlMessage.Assign(request.workerId(), request.attempt(), type, workerClass, request.params(), heartbeat,
                        request.instance())
                : new ControlMessage.Welcome(type, workerClass, request.params(), heartbeat, request.instance());
    }

    /** @param warm whether the child is a warm one, waiting for an {@link ControlMessage.Assign} rather than a welcome */
    private String serveUntilClosed(ControlChannel accepted, boolean warm) {
        connecting = true;
        if (!workSent) {
            heard();
            try {
                accepted.send(work(warm));
                channel = accepted;
                if (stopWanted) {
                    accepted.send(new ControlMessage.Stop());
                }
            } catch (ProtocolException e) {
                return "the params are too large for the control channel: " + e.getMessage();
            } catch (IOException e) {
                return null; // the child is gone; its exit tells the rest
            } finally {
                channel = accepted; // so that close() always finds it
            }
        } else if (stopWanted) {
            sendStop(); // it may have come between the assign and the channel's publication; a second stop is ignored
        }
        while (true) {
            ControlMessage message;
            try {
                message = accepted.receive();
            } catch (IOException e) {
                return null;
            } catch (ProtocolException e) {
                return "the child broke the control protocol: " + e.getMessage();
            }
            if (message == null) {
                return null; // the child closed the channel; a child that lingers without it goes unresponsive
            }
            heard();
            if (!relay(message)) {
                return "the child broke the control protocol: it sent " + message.getClass().getSimpleName();
            }
        }
    }

    private boolean relay(ControlMessage message) {
        if (message instanceof ControlMessage.Status status) {
            callbacks.reported(new StatusReport(status.call(), status.message(),
                    status.call() == StatusCall.COMPLETED ? CoveyJson.toTree(status.result()) : null));
        } else if (message instanceof ControlMessage.Log log) {
            callbacks.logPiece(log.stream(), log.line(), log.continued());
        } else if (message instanceof ControlMessage.Publish publish) {
            callbacks.data(CoveyJson.toTree(publish.data()));
        } else if (message instanceof ControlMessage.HealthResponse response) {
            CompletableFuture<WorkerHealth> asked = healthRequests.remove(response.id());
            if (asked != null) { // else it came after the timeout, and the check has failed already
                asked.complete(new WorkerHealth(response.healthy(), response.message()));
            }
        } else if (message instanceof ControlMessage.InputHandled) {
            callbacks.inputHandled();
        } else if (message instanceof ControlMessage.Ended ended) {
            if (verdict == null) {
                verdict = ended;
            }
        } else {
            return message instanceof ControlMessage.Heartbeat;
        }
        return true;
    }

    /** Asks the child to stop: now if it is connected, else right after its work once it connects. */
    void askStop() {
        stopWanted = true;
        sendStop();
    }

    private void sendStop() {
        ControlChannel current = channel;
        if (current == null) {
            return;
        }
        try {
            current.send(new ControlMessage.Stop());
        } catch (IOException | ProtocolException e) {
            // The child is gone or going; the stop ladder and its exit tell the rest.
        }
    }

    /**
     * Asks the child for a health check; the write happens on {@code sender}, never the caller's
     * thread. The answer completes the future; whoever times it out completes it first.
     */
    CompletableFuture<WorkerHealth> checkHealth(Executor sender) {
        ControlChannel current = channel;
        if (current == null) {
            return CompletableFuture.completedFuture(WorkerHealth.unhealthy("the child has not connected"));
        }
        long id = healthRequestIds.incrementAndGet();
        CompletableFuture<WorkerHealth> answer = new CompletableFuture<>();
        healthRequests.put(id, answer);
        answer.whenComplete((health, error) -> healthRequests.remove(id));
        sender.execute(() -> {
            try {
                current.send(new ControlMessage.HealthRequest(id));
            } catch (IOException | ProtocolException e) {
                answer.complete(WorkerHealth.unhealthy("could not ask the child: " + e.getMessage()));
            }
        });
        return answer;
    }

    /**
     * Queues one input for the child and has {@code sender} write the queue out in order, one
     * writer at a time. An input that cannot be written (no channel, a broken one, too large) is
     * counted as handled and said in the worker's log: the attempt is ending, or the input could
     * never be delivered.
     */
    void deliver(WorkerInput input, Executor sender) {
        long seq = inputSeqs.get() + 1;
        byte[] line = ControlCodec.encode(ControlMessage.Input.of(seq, input));
        if (line.length > settings.maxMessageBytes()) {
            // Refused now rather than accepted and dropped: bytes travel as base64, a third larger.
            throw new InputNotAcceptedException("an input of " + input.size() + " bytes is " + line.length
                    + " bytes on the control channel of worker '" + request.workerId() + "', over its limit of "
                    + settings.maxMessageBytes() + " bytes; send it in smaller pieces");
        }
        inputSeqs.set(seq); // the engine thread is the only caller
        inputs.add(new EncodedInput(seq, line));
        if (writingInputs.compareAndSet(false, true)) {
            sender.execute(this::writeInputs);
        }
    }

    /** An input as the line it is sent as, encoded (and checked against the limit) when it was accepted. */
    private record EncodedInput(long seq, byte[] line) {
    }

    private void writeInputs() {
        while (true) {
            EncodedInput next;
            while ((next = inputs.poll()) != null) {
                writeInput(next);
            }
            writingInputs.set(false);
            if (inputs.isEmpty() || !writingInputs.compareAndSet(false, true)) {
                return;
            }
        }
    }

    private void writeInput(EncodedInput input) {
        ControlChannel current = channel;
        String failure;
        if (current == null) {
            failure = "the child has not connected";
        } else {
            try {
                current.sendLine(input.line());
                return;
            } catch (ProtocolException e) {
                failure = e.getMessage();
            } catch (IOException e) {
                failure = "the control channel broke: " + e.getMessage();
            }
        }
        callbacks.log("covey", "input " + input.seq() + " was not delivered: " + failure);
        callbacks.inputHandled();
    }

    void close() {
        healthRequests.values().forEach(answer -> answer.complete(WorkerHealth.unhealthy("the control channel closed")));
        ControlChannel current = channel;
        if (current != null) {
            current.close();
        }
    }
}
