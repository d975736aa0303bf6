package io.covey.child;

import java.util.function.BooleanSupplier;
import java.util.function.Consumer;

import io.covey.core.json.CoveyJson;
import io.covey.core.protocol.ControlMessage;
import io.covey.core.protocol.ProtocolException;
import io.covey.core.text.SafeText;
import io.covey.core.worker.StatusCall;
import io.covey.core.worker.WorkerAttempt;
import io.covey.core.worker.WorkerReporter;
import tools.jackson.databind.JsonNode;

/**
 * The worker's status calls, logs and data, relayed to the host as they happen, with the same
 * rules as in the host: completed, crashed and stopped end the attempt; calls after the end are
 * ignored; a result that is not JSON-serializable is a crash. Log lines are cut at 16 KiB like
 * the child's output; data over the channel's limit fails the {@code publish()} call.
 */
final class ChildReporter implements WorkerReporter {
    private static final int MAX_LOG_CHARS = 16 * 1024;

    private final ChildSender sender;
    private final BooleanSupplier ended;
    private final Consumer<String> end;

    /**
     * @param ended whether the attempt has ended
     * @param end   ends the attempt, with a failure or null
     */
    ChildReporter(ChildSender sender, BooleanSupplier ended, Consumer<String> end) {
        this.sender = sender;
        this.ended = ended;
        this.end = end;
    }

    @Override
    public void starting(String message) {
        status(StatusCall.STARTING, message);
    }

    @Override
    public void running(String message) {
        status(StatusCall.RUNNING, message);
    }

    @Override
    public void stopping(String message) {
        status(StatusCall.STOPPING, message);
    }

    @Override
    public void completed(Object result) {
        if (ended.getAsBoolean()) {
            return;
        }
        JsonNode json;
        try {
            json = CoveyJson.toTree(result);
            send(new ControlMessage.Status(StatusCall.COMPLETED, null, json));
        } catch (ProtocolException e) {
            crashed("the result of completed() is too large for the control channel: " + e.getMessage(), null);
            return;
        } catch (RuntimeException e) {
            crashed("the result of completed() is not JSON-serializable: " + WorkerAttempt.describe(e), null);
            return;
        }
        end.accept(null);
    }

    @Override
    public void crashed(String message, Throwable error) {
        String text = message == null ? "the worker reported a crash" : message;
        status(StatusCall.CRASHED, error == null ? text : text + ": " + WorkerAttempt.describe(error));
        end.accept(null);
    }

    @Override
    public void failed(String message) {
        status(StatusCall.FAILED, message == null ? "the worker reported a failure" : message);
        end.accept(null);
    }

    @Override
    public void stopped(String message) {
        status(StatusCall.STOPPED, message);
        end.accept(null);
    }

    @Override
    public void log(String line) {
        if (ended.getAsBoolean()) {
            return;
        }
        java.util.List<String> pieces = SafeText.pieces(String.valueOf(line), MAX_LOG_CHARS);
        for (int i = 0; i < pieces.size(); i++) {
            sendQuietly(new ControlMessage.Log("worker", pieces.get(i), i < pieces.size() - 1));
        }
    }

    /** Data over the channel's limit is refused here, with an exception the worker sees. */
    @Override
    public void publish(Object data) {
        if (ended.getAsBoolean()) {
            return;
        }
        try {
            send(new ControlMessage.Publish(CoveyJson.toTree(data)));
        } catch (ProtocolException e) {
            throw new IllegalArgumentException("publish(): " + e.getMessage());
        }
    }

    private void status(StatusCall call, String message) {
        if (!ended.getAsBoolean()) {
            sendQuietly(new ControlMessage.Status(call, message, null));
        }
    }

    private void send(ControlMessage message) throws ProtocolException {
        sender.send(message);
    }

    private void sendQuietly(ControlMessage message) {
        try {
            sender.send(message);
        } catch (ProtocolException e) {
            System.err.println("covey-child: could not send " + message.getClass().getSimpleName() + ": " + e.getMessage());
        }
    }
}
