package io.covey.core.protocol;

import java.util.Objects;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;

import io.covey.core.worker.StatusCall;
import io.covey.core.worker.WorkerInput;
import tools.jackson.databind.JsonNode;

/**
 * The messages of the control channel between a host and one foreign worker's child JVM: one JSON
 * object per line, told apart by its {@code "type"} property.
 * <p>
 * The child speaks first with {@link Hello}; the host answers {@link Welcome} (the work) or
 * {@link Refused}. Then the child relays its worker's calls ({@link Status}, {@link Log},
 * {@link Publish}), says {@link Heartbeat} on an interval, and ends with {@link Ended}; the host
 * may send {@link Stop}, and {@link HealthRequest}s, which the child answers with a
 * {@link HealthResponse} carrying the same id.
 * <p>
 * A warm child (one started ahead of need, for the host's warm pool) speaks first with
 * {@link WarmHello} instead, says {@link WarmReady} once it has warmed up, and waits for
 * {@link Assign}, which names the worker and carries what a {@link Welcome} carries; from there on
 * it is an ordinary child. A warm child runs one worker only, once.
 * <p>
 * Input sent to the worker travels as {@link Input}, in order; the child answers each one with
 * {@link InputHandled} once the worker's {@code onInput} is done with it, which is how the host
 * bounds the input in flight.
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, include = JsonTypeInfo.As.PROPERTY, property = "type")
@JsonSubTypes({
        @JsonSubTypes.Type(value = ControlMessage.Hello.class, name = "hello"),
        @JsonSubTypes.Type(value = ControlMessage.Welcome.class, name = "welcome"),
        @JsonSubTypes.Type(value = ControlMessage.Refused.class, name = "refused"),
        @JsonSubTypes.Type(value = ControlMessage.Status.class, name = "status"),
        @JsonSubTypes.Type(value = ControlMessage.Log.class, name = "log"),
        @JsonSubTypes.Type(value = ControlMessage.Publish.class, name = "publish"),
        @JsonSubTypes.Type(value = ControlMessage.Heartbeat.class, name = "heartbeat"),
        @JsonSubTypes.Type(value = ControlMessage.Ended.class, name = "ended"),
        @JsonSubTypes.Type(value = ControlMessage.Stop.class, name = "stop"),
        @JsonSubTypes.Type(value = ControlMessage.HealthRequest.class, name = "health-request"),
        @JsonSubTypes.Type(value = ControlMessage.HealthResponse.class, name = "health-response"),
        @JsonSubTypes.Type(value = ControlMessage.WarmHello.class, name = "warmHello"),
        @JsonSubTypes.Type(value = ControlMessage.WarmReady.class, name = "warmReady"),
        @JsonSubTypes.Type(value = ControlMessage.Assign.class, name = "assign"),
        @JsonSubTypes.Type(value = ControlMessage.Input.class, name = "input"),
        @JsonSubTypes.Type(value = ControlMessage.InputHandled.class, name = "input-handled")
})
@JsonInclude(JsonInclude.Include.NON_NULL)
public sealed interface ControlMessage {

    /**
     * child → host, first: who the child is and the proof that the host started it.
     *
     * @param epoch  the id of the host instance that started the child; a child of an earlier host is refused
     * @param secret the one-time secret the host put in the child's environment
     * @param pid    the child's own process id, checked against the process the host spawned
     */
    record Hello(String epoch, String workerId, int attempt, String secret, long pid) implements ControlMessage {
        public Hello {
            Objects.requireNonNull(epoch, "epoch");
            Objects.requireNonNull(workerId, "workerId");
            Objects.requireNonNull(secret, "secret");
        }

        /** Keeps the secret out of logs and exception messages. */
        @Override
        public String toString() {
            return "Hello[epoch=" + epoch + ", workerId=" + workerId + ", attempt=" + attempt + ", pid=" + pid + "]";
        }
    }

    /**
     * host → child: the worker to run. Sent only for declared types.
     *
     * @param heartbeatMillis how often the child must say it is alive
     * @param instance        the worker's index among its declaration's instances (0 without instances)
     */
    record Welcome(String workerType, String workerClass, JsonNode params, long heartbeatMillis, int instance)
            implements ControlMessage {
        public Welcome(String workerType, String workerClass, JsonNode params, long heartbeatMillis) {
            this(workerType, workerClass, params, heartbeatMillis, 0);
        }

        public Welcome {
            Objects.requireNonNull(workerType, "workerType");
            Objects.requireNonNull(workerClass, "workerClass");
            if (heartbeatMillis <= 0) {
                throw new IllegalArgumentException("heartbeatMillis must be positive, was " + heartbeatMillis);
            }
        }
    }

    /** host → child: the handshake failed; the child exits. */
    record Refused(String reason) implements ControlMessage {
    }

    /** child → host: one status call of the worker; {@code result} only with COMPLETED. */
    record Status(StatusCall call, String message, JsonNode result) implements ControlMessage {
        public Status {
            Objects.requireNonNull(call, "call");
        }
    }

    /**
     * child → host: a line from the worker's {@code log()} or from the child runtime itself.
     *
     * @param stream {@code worker} or {@code covey}
     */
    record Log(String stream, String line,
               @JsonInclude(JsonInclude.Include.NON_DEFAULT) boolean continued) implements ControlMessage {
        public Log {
            if (!"worker".equals(stream) && !"covey".equals(stream)) {
                throw new IllegalArgumentException("stream must be worker or covey, was " + stream);
            }
            Objects.requireNonNull(line, "line");
        }

        public Log(String stream, String line) {
            this(stream, line, false);
        }

        /** {@code continued} (the line goes on in the next Log: one over 16 KiB is sent in pieces) only when true. */
        @com.fasterxml.jackson.annotation.JsonCreator
        static Log fromJson(@com.fasterxml.jackson.annotation.JsonProperty("stream") String stream,
                            @com.fasterxml.jackson.annotation.JsonProperty("line") String line,
                            @com.fasterxml.jackson.annotation.JsonProperty("continued") Boolean continued) {
            return new Log(stream, line, Boolean.TRUE.equals(continued));
        }
    }

    /** child → host: data the worker published. */
    record Publish(JsonNode data) implements ControlMessage {
    }

    /** child → host: still alive. */
    record Heartbeat() implements ControlMessage {
    }

    /**
     * child → host, last: the attempt is over and the child is about to exit.
     *
     * @param failure why the attempt failed (the constructor or runWorker threw, ...), or null
     */
    record Ended(String failure) implements ControlMessage {
    }

    /** host → child: stop the worker. */
    record Stop() implements ControlMessage {
    }

    /**
     * host → child: call the worker's {@code checkHealth()} and answer. The host enforces the
     * timeout: an answer that comes too late is dropped.
     *
     * @param id echoed in the response, so a late answer is never taken for a newer check
     */
    record HealthRequest(long id) implements ControlMessage {
    }

    /** child → host: the outcome of the health check {@code id}. */
    record HealthResponse(long id, boolean healthy, String message) implements ControlMessage {
    }

    /**
     * child → host, first, from a warm child: a child of the warm pool and the proof that the host
     * started it. It runs no worker yet, so it has no worker id: it is known by its slot, a number
     * the host gave it, unique within the host instance ({@code epoch}).
     *
     * @param slot   the number of this warm child, from its environment
     * @param secret the one-time secret the host put in the child's environment
     * @param pid    the child's own process id, checked against the process the host spawned
     */
    record WarmHello(String epoch, long slot, String secret, long pid) implements ControlMessage {
        public WarmHello {
            Objects.requireNonNull(epoch, "epoch");
            Objects.requireNonNull(secret, "secret");
        }

        /** Keeps the secret out of logs and exception messages. */
        @Override
        public String toString() {
            return "WarmHello[epoch=" + epoch + ", slot=" + slot + ", pid=" + pid + "]";
        }
    }

    /** child → host, from a warm child after its hello: warmed up, waiting for an {@link Assign}. */
    record WarmReady() implements ControlMessage {
    }

    /**
     * host → warm child: the worker to run, and who it is from now on. Sent at most once per child.
     *
     * @param heartbeatMillis how often the child must say it is alive
     * @param instance        the worker's index among its declaration's instances (0 without instances)
     */
    record Assign(String workerId, int attempt, String workerType, String workerClass, JsonNode params,
                  long heartbeatMillis, int instance) implements ControlMessage {
        public Assign(String workerId, int attempt, String workerType, String workerClass, JsonNode params,
                      long heartbeatMillis) {
            this(workerId, attempt, workerType, workerClass, params, heartbeatMillis, 0);
        }

        public Assign {
            Objects.requireNonNull(workerId, "workerId");
            Objects.requireNonNull(workerType, "workerType");
            Objects.requireNonNull(workerClass, "workerClass");
            if (heartbeatMillis <= 0) {
                throw new IllegalArgumentException("heartbeatMillis must be positive, was " + heartbeatMillis);
            }
        }

        /** The work, as a cold child would have received it. */
        public Welcome toWelcome() {
            return new Welcome(workerType, workerClass, params, heartbeatMillis, instance);
        }
    }

    /**
     * host → child: one input for the worker, either JSON or bytes (base64 on the wire).
     *
     * @param seq numbers the inputs of this channel from 1, echoed in the {@link InputHandled}
     */
    record Input(long seq, JsonNode json, byte[] bytes) implements ControlMessage {
        public Input {
            if ((json == null) == (bytes == null)) {
                throw new IllegalArgumentException("an input carries either json or bytes");
            }
        }

        public static Input of(long seq, WorkerInput input) {
            if (input instanceof WorkerInput.Json json) {
                return new Input(seq, json.value(), null);
            }
            return new Input(seq, null, ((WorkerInput.Bytes) input).value());
        }

        public WorkerInput toWorkerInput() {
            return json != null ? new WorkerInput.Json(json) : new WorkerInput.Bytes(bytes);
        }

        @Override
        public String toString() {
            return "Input[seq=" + seq + (json != null ? ", json" : ", " + bytes.length + " bytes") + "]";
        }
    }

    /** child → host: the worker is done with the input {@code seq} (its onInput returned or threw). */
    record InputHandled(long seq) implements ControlMessage {
    }
}
