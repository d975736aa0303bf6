package io.covey.cli;

import java.util.concurrent.CountDownLatch;

import io.covey.core.event.Subscription;

/**
 * Keeps a follow mode ({@code logs -f}, {@code events -f}, {@code top}) running until the user
 * interrupts it or it ends itself, and closes its subscription on the way out. The client's
 * subscription resumes by itself after a dropped connection.
 */
public final class Follower {
    private final CountDownLatch done = new CountDownLatch(1);

    /** Ends {@link #await}; safe from any thread. */
    public void stop() {
        done.countDown();
    }

    /** Blocks until {@link #stop} or Ctrl-C (the JVM's shutdown), then closes the subscription. */
    public void await(Subscription subscription) {
        Thread main = Thread.currentThread();
        Thread hook = new Thread(() -> {
            subscription.close();
            done.countDown();
        }, "covey-cli-interrupt");
        Runtime.getRuntime().addShutdownHook(hook);
        try {
            done.await();
        } catch (InterruptedException e) {
            main.interrupt();
        } finally {
            subscription.close();
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException shuttingDown) {
                // Ctrl-C: the hook is running
            }
        }
    }
}
