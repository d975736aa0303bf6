package io.covey.child;

import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import io.covey.core.protocol.ControlChannel;
import io.covey.core.protocol.ControlMessage;
import io.covey.core.protocol.ProtocolException;
import io.covey.core.worker.InputDelivery;
import io.covey.core.worker.WorkerAttempt;

/**
 * The one worker of a child JVM, with the same rules as an in-process attempt ({@link WorkerAttempt}).
 * When the attempt ends the child says {@link ControlMessage.Ended}, kills what it spawned, and exits.
 * <p>
 * When the host goes away (the channel closes, or the parent process ends) the worker is asked to
 * stop and the child exits within {@link #HOST_GONE_BUDGET} plus half a second, whatever the worker does:
 * a child never outlives its host for long.
 */
final class ChildWorkerRun {
    static final Duration HOST_GONE_BUDGET = Duration.ofSeconds(2);
    private static final Duration EXIT_GRACE = Duration.ofSeconds(1);
    private static final Duration DESCENDANTS_TERM_GRACE = Duration.ofMillis(500);

    private final ControlChannel channel;
    private final ChildSender sender;
    private final ProcessHandle parent;
    private final ChildHealthChecks healthChecks;
    private final ScheduledThreadPoolExecutor timer = new ScheduledThreadPoolExecutor(1, task -> {
        Thread thread = new Thread(task, "covey-child-timer");
        thread.setDaemon(true);
        return thread;
    });
    /** Completes with the work once it has been read: then the channel's thread, started ahead of it, takes over. */
    private final CompletableFuture<ControlMessage.Welcome> workRead = new CompletableFuture<>();
    /** Counted down when {@code runWorker()} has returned or thrown (or the worker could not be built). */
    private final CountDownLatch runFinished = new CountDownLatch(1);
    // Built ahead of the work, like the threads: linking a lambda costs a warm child some of its milliseconds.
    private final Runnable heartbeatTask = this::heartbeat;
    private final Runnable parentGone;
    private final ChildReporter reporter;
    /** Delivers input on a thread of its own per burst, so that the channel's thread keeps reading (stops, health requests). */
    private final InputDelivery inputs = new InputDelivery(task -> {
        Thread thread = new Thread(task, "covey-input");
        thread.setDaemon(true);
        thread.start();
    }, line -> sendQuietly(new ControlMessage.Log("covey", line)));
    private final AtomicBoolean ended = new AtomicBoolean();
    private final AtomicBoolean hostGone = new AtomicBoolean();
    private final CountDownLatch endedLatch = new CountDownLatch(1);
    private volatile boolean exiting;
    private volatile boolean shuttingDown;
    private volatile Thread runThread;
    private final WorkerAttempt attempt = new WorkerAttempt(new WorkerAttempt.Outcome() {
        @Override
        public void end(String failure) {
            ChildWorkerRun.this.end(failure);
        }

        @Override
        public void note(String line) {
            sendQuietly(new ControlMessage.Log("covey", line));
        }

        @Override
        public void interruptRun() {
            Thread thread = runThread;
            if (thread != null) {
                thread.interrupt();
            }
        }
    });

    /**
     * Prepares everything that does not depend on the worker: the writer, timer and channel threads
     * run (the channel's waits until the work has been read), the shutdown hook is in place. A warm
     * child does this before it says it is ready, so that its assignment wakes no thread on the way
     * to the worker: the thread that read the work runs it.
     */
    ChildWorkerRun(ControlChannel channel, ProcessHandle parent) {
        this.channel = channel;
        this.sender = new ChildSender(channel, e -> hostGone("the control channel broke: " + e.getMessage()));
        this.parent = parent;
        this.parentGone = parent == null ? null : () -> hostGone("the host process " + parent.pid() + " ended");
        this.healthChecks = new ChildHealthChecks(sender);
        this.reporter = new ChildReporter(sender, ended::get, this::end);
        timer.prestartCoreThread();
        Runtime.getRuntime().addShutdownHook(new Thread(this::onJvmShutdown, "covey-child-shutdown"));
        Thread reader = new Thread(() -> serveChannel(workRead.join()), "covey-child-channel");
        reader.setDaemon(true);
        reader.start();
    }

    /**
     * Runs the worker the welcome names on the calling thread (the one that read the welcome, which
     * must not read the channel again), while the channel's thread serves the channel; never returns.
     */
    void start(ControlMessage.Welcome assigned) {
        Thread.currentThread().setName("covey-worker");
        runThread = Thread.currentThread();
        workRead.complete(assigned);
        try {
            attempt.run(() -> WorkerFactory.create(assigned), t -> WorkerFactory.describeCreationFailure(assigned, t), reporter);
        } finally {
            runFinished.countDown();
        }
        // The exit thread ends the JVM; an interrupt meant for runWorker() must not end this thread
        // first (with only daemon threads left, the JVM would exit before the end is reported).
        CountDownLatch never = new CountDownLatch(1);
        while (true) {
            try {
                never.await();
            } catch (InterruptedException e) {
                // keep waiting
            }
        }
    }

    /** The channel's thread, once the work has been read; the heartbeat and the watch on the parent start here, off the worker's way. */
    private void serveChannel(ControlMessage.Welcome assigned) {
        long heartbeat = assigned.heartbeatMillis();
        timer.scheduleAtFixedRate(heartbeatTask, heartbeat, heartbeat, TimeUnit.MILLISECONDS);
        if (parent != null) {
            parent.onExit().thenRun(parentGone);
        }
        while (true) {
            ControlMessage message;
            try {
                message = channel.receive();
            } catch (IOException e) {
                hostGone("the control channel broke: " + e.getMessage());
                return;
            } catch (ProtocolException e) {
                hostGone("the host broke the control protocol: " + e.getMessage());
                return;
            }
            if (message == null) {
                hostGone("the control channel closed");
                return;
            }
            if (message instanceof ControlMessage.Stop) {
                requestStop();
            } else if (message instanceof ControlMessage.Input input) {
                long seq = input.seq();
                inputs.deliver(attempt.worker(), input.toWorkerInput(), () -> sendQuietly(new ControlMessage.InputHandled(seq)));
            } else if (message instanceof ControlMessage.HealthRequest request) {
                healthChecks.answer(request, attempt.worker());
            } else {
                sendQuietly(new ControlMessage.Log("covey", "ignored an unexpected " + message.getClass().getSimpleName()));
            }
        }
    }

    private void requestStop() {
        if (ended.get() || !attempt.askStop()) {
            return;
        }
        Thread thread = new Thread(attempt::stop, "covey-stop");
        thread.setDaemon(true);
        thread.start();
    }

    private void hostGone(String reason) {
        if (ended.get() || !hostGone.compareAndSet(false, true)) {
            return;
        }
        System.err.println("covey-child: " + reason + "; stopping the worker");
        requestStop();
        timer.schedule(() -> end(reason + "; the worker did not stop within " + HOST_GONE_BUDGET.toMillis() + "ms"),
                HOST_GONE_BUDGET.toMillis(), TimeUnit.MILLISECONDS);
    }

    private void heartbeat() {
        if (ended.get()) {
            return;
        }
        try {
            sender.post(new ControlMessage.Heartbeat());
        } catch (ProtocolException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The attempt is over: say so once, then leave (unless the JVM is already shutting down). */
    private void end(String failure) {
        if (!ended.compareAndSet(false, true)) {
            return;
        }
        sendQuietly(new ControlMessage.Ended(failure));
        endedLatch.countDown();
        if (shuttingDown) {
            return;
        }
        Thread exit = new Thread(() -> exit(failure == null ? 0 : 1), "covey-child-exit");
        exit.start();
    }

    private void exit(int code) {
        // With a host to report to, runWorker() may finish what follows its last status call.
        if (!hostGone.get() && Thread.currentThread() != runThread) {
            try {
                runFinished.await(EXIT_GRACE.toMillis(), TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        exiting = true;
        sender.flush(EXIT_GRACE);
        Descendants.kill(DESCENDANTS_TERM_GRACE);
        channel.close();
        System.exit(code);
    }

    /** SIGTERM (the host's stop ladder) or SIGINT: give the worker a moment, then take the descendants along. */
    private void onJvmShutdown() {
        if (exiting || !workRead.isDone()) {
            return; // a warm child without work has nothing to stop
        }
        shuttingDown = true;
        if (!ended.get()) {
            System.err.println("covey-child: terminated; stopping the worker");
            requestStop();
            try {
                endedLatch.await(EXIT_GRACE.toMillis(), TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        sender.flush(DESCENDANTS_TERM_GRACE);
        Descendants.kill(DESCENDANTS_TERM_GRACE);
    }

    private void sendQuietly(ControlMessage message) {
        try {
            sender.send(message);
        } catch (ProtocolException e) {
            System.err.println("covey-child: could not send " + message.getClass().getSimpleName() + ": " + e.getMessage());
        }
    }

}
