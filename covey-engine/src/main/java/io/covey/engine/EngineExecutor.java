package io.covey.engine;

import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;

/**
 * The one thread that owns the manager's state. API calls and worker callbacks are messages to
 * it, so concurrent calls are applied one after the other, never interleaved.
 */
final class EngineExecutor implements Executor {
    private static final System.Logger LOG = System.getLogger(EngineExecutor.class.getName());

    private final ExecutorService thread;
    private volatile Thread engineThread;

    EngineExecutor() {
        this.thread = Executors.newSingleThreadExecutor(task -> {
            Thread t = new Thread(task, "covey-engine");
            t.setDaemon(true);
            engineThread = t;
            return t;
        });
    }

    /** Queues a message; one that arrives after shutdown is dropped, since nobody is left to act on it. */
    @Override
    public void execute(Runnable task) {
        try {
            thread.execute(() -> {
                try {
                    task.run();
                } catch (RuntimeException | Error e) {
                    LOG.log(System.Logger.Level.ERROR, "the engine failed on a message; it carries on", e);
                }
            });
        } catch (RejectedExecutionException e) {
            LOG.log(System.Logger.Level.DEBUG, "message after shutdown dropped");
        }
    }

    /** Runs {@code call} on the engine thread and waits for its answer; exceptions reach the caller as thrown. */
    <T> T call(Callable<T> call) {
        if (Thread.currentThread() == engineThread) {
            return callDirectly(call);
        }
        CompletableFuture<T> answer = new CompletableFuture<>();
        try {
            thread.execute(() -> {
                try {
                    answer.complete(call.call());
                } catch (Throwable t) {
                    answer.completeExceptionally(t);
                }
            });
        } catch (RejectedExecutionException e) {
            throw new io.covey.core.api.ManagerClosedException();
        }
        try {
            return answer.join();
        } catch (CompletionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof RuntimeException runtime) {
                throw runtime;
            }
            if (cause instanceof Error error) {
                throw error;
            }
            throw new IllegalStateException(cause);
        }
    }

    private static <T> T callDirectly(Callable<T> call) {
        try {
            return call.call();
        } catch (RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    void shutdown(long timeout, TimeUnit unit) throws InterruptedException {
        thread.shutdown();
        if (!thread.awaitTermination(timeout, unit)) {
            thread.shutdownNow();
        }
    }
}
