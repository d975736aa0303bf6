package io.covey.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import io.covey.core.lifecycle.WorkerState;
import io.covey.core.manifest.CoveyManifest;
import io.covey.core.spec.CoveyGroup;
import io.covey.core.worker.CoveyWorker;
import io.covey.engine.testworkers.CountdownJob;
import io.covey.engine.testworkers.ServiceWorker;

/**
 * In-process workers run on pooled threads, and the engine counts live attempts rather than
 * recounting them: a reused thread must never receive an interrupt meant for an earlier worker,
 * and the count must come back to zero so that closing does not wait out its budget.
 */
class InProcessThreadsTest {
    private static final AtomicReference<Thread> RETURNER_THREAD = new AtomicReference<>();
    private static final AtomicReference<Thread> BLOCKER_THREAD = new AtomicReference<>();

    /** Reports running and gives its thread back at once (the service style). */
    public static final class Returner extends CoveyWorker<Void> {
        public Returner(Void params) {
            super(params);
        }

        @Override
        public void runWorker() {
            RETURNER_THREAD.set(Thread.currentThread());
            running();
        }
    }

    /** Blocks in runWorker until stopped; an interrupt before that is a crash. */
    public static final class Blocker extends CoveyWorker<Void> {
        private final CountDownLatch stop = new CountDownLatch(1);

        public Blocker(Void params) {
            super(params);
        }

        @Override
        public void runWorker() throws InterruptedException {
            BLOCKER_THREAD.set(Thread.currentThread());
            running();
            stop.await();
        }

        @Override
        public void stopWorker() {
            stop.countDown();
        }
    }

    private static final ClassLoader STRANGE_LOADER = new java.net.URLClassLoader(new java.net.URL[0], null);
    private static final AtomicReference<Thread> MEDDLER_THREAD = new AtomicReference<>();
    private static final AtomicReference<String> SEEN_BY_NEXT = new AtomicReference<>();

    /** Changes what it can of its thread, then gives it back. */
    public static final class Meddler extends CoveyWorker<Void> {
        public Meddler(Void params) {
            super(params);
        }

        @Override
        public void runWorker() {
            Thread thread = Thread.currentThread();
            thread.setContextClassLoader(STRANGE_LOADER);
            thread.setPriority(Thread.MIN_PRIORITY);
            thread.setUncaughtExceptionHandler((t, e) -> { });
            MEDDLER_THREAD.set(thread);
            running();
        }
    }

    /** Says what it found on its thread. */
    public static final class Observer extends CoveyWorker<Void> {
        public Observer(Void params) {
            super(params);
        }

        @Override
        public void runWorker() {
            Thread thread = Thread.currentThread();
            SEEN_BY_NEXT.set((thread == MEDDLER_THREAD.get()) + " " + (thread.getContextClassLoader() == STRANGE_LOADER)
                    + " " + thread.getPriority() + " " + (thread.getUncaughtExceptionHandler() == thread.getThreadGroup()));
            running();
        }
    }

    private final CoveyManager manager = CoveyManager.builder(CoveyManifest.of(Returner.class, Blocker.class, Meddler.class,
                    Observer.class,
                    ServiceWorker.class, CountdownJob.class))
            .settings(ManagerSettings.defaults().withWorkerDefaults(TestManagers.IN_PROCESS)).build();

    @AfterEach
    void close() {
        manager.close();
    }

    @Test
    void stoppingAWorkerThatReturnedDoesNotInterruptTheWorkerNowOnItsThread() {
        String returner = manager.runGroup(CoveyGroup.of("first", new Returner(null).setId("returner"))).started().get(0);
        await().until(() -> manager.worker(returner).state() == WorkerState.RUNNING);
        await().until(() -> RETURNER_THREAD.get() != null && RETURNER_THREAD.get().getState() == Thread.State.TIMED_WAITING);

        String blocker = manager.runGroup(CoveyGroup.of("second", new Blocker(null).setId("blocker"))).started().get(0);
        await().until(() -> manager.worker(blocker).state() == WorkerState.RUNNING);
        assertThat(BLOCKER_THREAD.get()).as("the idle pooled thread was reused").isSameAs(RETURNER_THREAD.get());

        manager.nukeGroup("first");
        await().until(() -> manager.groups().stream().noneMatch(g -> g.name().equals("first")));

        assertThat(manager.worker(blocker).state()).isEqualTo(WorkerState.RUNNING);
        assertThat(manager.worker(blocker).attempt()).isEqualTo(1);
        assertThat(BLOCKER_THREAD.get().isInterrupted()).isFalse();
    }

    @Test
    void theNextWorkerOnAPooledThreadGetsItAsThePoolHadIt() {
        manager.runGroup(CoveyGroup.of("meddling", new Meddler(null).setId("meddler")));
        await().until(() -> manager.worker("meddler").state() == WorkerState.RUNNING);
        await().until(() -> MEDDLER_THREAD.get() != null && MEDDLER_THREAD.get().getState() == Thread.State.TIMED_WAITING);

        manager.runGroup(CoveyGroup.of("observing", new Observer(null).setId("observer")));
        await().until(() -> manager.worker("observer").state() == WorkerState.RUNNING);

        // the same thread; not the worker's loader; normal priority; the default handler
        assertThat(SEEN_BY_NEXT.get()).isEqualTo("true false " + Thread.NORM_PRIORITY + " true");
    }

    @Test
    void closingAfterStartsCompletionsAndRemovalsDoesNotWaitOutTheBudget() {
        List<CoveyWorker<?>> workers = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            workers.add(new ServiceWorker(new ServiceWorker.Params("s" + i)));
            workers.add(new CountdownJob(new CountdownJob.Params(i % 3)).setId("job" + i));
        }
        manager.runGroup(new CoveyGroup("many", workers));
        await().until(() -> manager.group("many").workers().stream()
                .allMatch(w -> w.state() == WorkerState.RUNNING || w.state() == WorkerState.COMPLETED));
        manager.runGroup(new CoveyGroup("many", workers.subList(0, 100)));

        long start = System.nanoTime();
        manager.close();

        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(manager.shutdownBudget().dividedBy(2));
    }
}
