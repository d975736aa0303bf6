package io.covey.engine;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import io.covey.core.api.InvalidParamsException;
import io.covey.core.json.Durations;
import io.covey.core.manifest.WorkerType;
import tools.jackson.databind.JsonNode;

/**
 * Runs the constructors of newly declared workers ({@link WorkerType#checkParams}) before the
 * declaration is accepted, so params the worker refuses are a 400 at declaration and not a crash
 * later. Off the engine thread and bounded: a constructor that blocks refuses its declaration
 * after {@link #LIMIT} instead of holding the engine (its thread is abandoned, as a daemon).
 * All of one declaration's constructors run in one task, so a large group costs one hand-off.
 */
final class ConstructorCheck {
    static final Duration LIMIT = Duration.ofSeconds(5);

    /** One worker to check. */
    record Candidate(WorkerType type, JsonNode params) {
    }

    private static final ExecutorService THREADS = Executors.newCachedThreadPool(new NamedThreadFactory("covey-params-check"));

    private ConstructorCheck() {
    }

    /** Throws the first candidate's refusal, in declaration order. */
    static void check(List<Candidate> candidates) {
        if (candidates.isEmpty()) {
            return;
        }
        CompletableFuture<Void> done = CompletableFuture.runAsync(() -> candidates.forEach(c -> c.type().checkParams(c.params())),
                THREADS);
        try {
            done.get(LIMIT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException refusal) {
                throw refusal;
            }
            throw new IllegalStateException(e.getCause());
        } catch (TimeoutException e) {
            done.cancel(true);
            WorkerType slow = candidates.get(0).type();
            throw new InvalidParamsException(slow.name(), "", "the constructors of the declared workers did not return within "
                    + Durations.format(LIMIT) + " (a constructor should only check its params; resources belong in runWorker())");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while checking params", e);
        }
    }
}
