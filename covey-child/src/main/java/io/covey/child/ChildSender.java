package io.covey.child;

import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

import io.covey.core.protocol.ControlChannel;
import io.covey.core.protocol.ControlCodec;
import io.covey.core.protocol.ControlMessage;
import io.covey.core.protocol.ProtocolException;

/**
 * Writes the child's messages on a thread of its own. Worker threads get interrupted (that is how
 * a stop reaches a blocked {@code runWorker()}), and an interrupted thread that touches a
 * {@code SocketChannel} closes it; so no worker thread ever writes to the channel itself.
 * <p>
 * A worker's call still returns only once its message is written (waiting uninterruptibly, the
 * interrupt kept for later): what a worker said before it halts reaches the host, and a slow host
 * slows the worker down instead of filling the child's memory.
 */
final class ChildSender {
    private final ControlChannel channel;
    private final Consumer<IOException> onBroken;
    private final LinkedBlockingQueue<Pending> queue = new LinkedBlockingQueue<>();
    private volatile boolean broken;

    private record Pending(byte[] json, CountDownLatch written) {
    }

    ChildSender(ControlChannel channel, Consumer<IOException> onBroken) {
        this.channel = channel;
        this.onBroken = onBroken;
        Thread writer = new Thread(this::writeLoop, "covey-child-writer");
        writer.setDaemon(true);
        writer.start();
    }

    /** Writes a message and waits until it is written; throws if it is over the channel's limit. */
    void send(ControlMessage message) throws ProtocolException {
        awaitUninterruptibly(enqueue(message).written(), null);
    }

    /** Queues a message without waiting (heartbeats). */
    void post(ControlMessage message) throws ProtocolException {
        enqueue(message);
    }

    /** Waits until everything queued so far has been written, or {@code timeout} passed. */
    void flush(Duration timeout) {
        Pending marker = new Pending(null, new CountDownLatch(1));
        queue.add(marker);
        awaitUninterruptibly(marker.written(), timeout);
    }

    private Pending enqueue(ControlMessage message) throws ProtocolException {
        // Text, then made well-formed, then bytes: a worker's lone surrogate would otherwise be
        // written as bytes the host refuses as malformed, and the worker ended for breaking the protocol.
        byte[] json = ControlCodec.encode(message);
        if (json.length > channel.maxMessageBytes()) {
            throw new ProtocolException("a control message of " + json.length + " bytes is larger than the limit of "
                    + channel.maxMessageBytes() + " bytes");
        }
        Pending pending = new Pending(json, new CountDownLatch(1));
        queue.add(pending);
        return pending;
    }

    private static void awaitUninterruptibly(CountDownLatch latch, Duration timeout) {
        boolean interrupted = false;
        long deadline = timeout == null ? 0 : System.nanoTime() + timeout.toNanos();
        try {
            while (true) {
                try {
                    if (timeout == null) {
                        latch.await();
                    } else {
                        latch.await(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
                    }
                    return;
                } catch (InterruptedException e) {
                    interrupted = true;
                }
            }
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private void writeLoop() {
        while (true) {
            Pending next;
            try {
                next = queue.take();
            } catch (InterruptedException e) {
                return;
            }
            try {
                if (next.json() != null && !broken) {
                    channel.sendLine(next.json());
                }
            } catch (IOException e) {
                broken = true;
                onBroken.accept(e);
            } catch (ProtocolException e) {
                throw new IllegalStateException(e); // checked in enqueue()
            } finally {
                next.written().countDown();
            }
        }
    }
}
