package io.covey.core.worker;

import java.util.Objects;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;

/**
 * Hands a worker its input one piece at a time, in the order it came, off the thread that
 * received it (the control channel's reader, the engine's caller): the same for in-process
 * workers and a foreign worker's child JVM. Each piece is followed by its {@code handled}
 * callback, whether {@code onInput} returned or threw; a throw is noted, not a crash (the worker
 * calls {@code crashed()} if it means one). The queue is bounded by whoever accepts the input
 * (the engine counts what is not yet handled), not here.
 */
public final class InputDelivery {
    private record Piece(CoveyWorker<?> worker, WorkerInput input, Runnable handled) {
    }

    private final Executor executor;
    private final Consumer<String> note;
    private final Queue<Piece> queue = new ConcurrentLinkedQueue<>();
    private final AtomicBoolean draining = new AtomicBoolean();

    /**
     * @param executor runs the delivery; one task at a time is ever submitted, so a pool keeps the order
     * @param note     where a line about a failed delivery goes (the worker's log)
     */
    public InputDelivery(Executor executor, Consumer<String> note) {
        this.executor = Objects.requireNonNull(executor, "executor");
        this.note = Objects.requireNonNull(note, "note");
    }

    public void deliver(CoveyWorker<?> worker, WorkerInput input, Runnable handled) {
        queue.add(new Piece(worker, input, handled));
        if (draining.compareAndSet(false, true)) {
            executor.execute(this::drain);
        }
    }

    private void drain() {
        while (true) {
            Piece piece;
            while ((piece = queue.poll()) != null) {
                handOver(piece);
            }
            draining.set(false);
            // A piece added after the last poll but before the flag fell would wait for the next one: take it now.
            if (queue.isEmpty() || !draining.compareAndSet(false, true)) {
                return;
            }
        }
    }

    private void handOver(Piece piece) {
        try {
            if (piece.worker() == null) {
                note.accept("input dropped: the worker is not built");
            } else {
                piece.worker().receiveInput(piece.input());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            note.accept("onInput() was interrupted");
        } catch (Throwable t) {
            note.accept("onInput() threw " + WorkerAttempt.describe(t) + "; the next input is delivered as usual");
        } finally {
            piece.handled().run();
        }
    }
}
