package io.covey.engine;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

import io.covey.core.json.CoveyJson;
import io.covey.core.worker.StatusCall;
import io.covey.core.worker.WorkerHealth;
import io.covey.engine.launch.LaunchRequest;
import io.covey.engine.launch.RunCallbacks;
import io.covey.engine.launch.RunExit;
import io.covey.engine.launch.StatusReport;
import io.covey.engine.launch.WorkerLauncher;
import io.covey.engine.launch.WorkerRun;

/**
 * A launcher that runs nothing: it records every launch as a {@link FakeRun}, which records what
 * the engine asks of it (stop, kill, health checks), and through which a test plays the worker
 * and its runtime (status calls, the exit). No threads.
 */
public final class RecordingLauncher implements WorkerLauncher {
    private final List<FakeRun> runs = new ArrayList<>();
    private RuntimeException nextLaunchFails;

    @Override
    public synchronized WorkerRun launch(LaunchRequest request, RunCallbacks callbacks) {
        if (nextLaunchFails != null) {
            RuntimeException failure = nextLaunchFails;
            nextLaunchFails = null;
            throw failure;
        }
        FakeRun run = new FakeRun(request, callbacks);
        runs.add(run);
        return run;
    }

    /** The next launch throws {@code failure} instead of returning a run. */
    public synchronized void failNextLaunch(RuntimeException failure) {
        nextLaunchFails = failure;
    }

    public synchronized List<FakeRun> runs() {
        return List.copyOf(runs);
    }

    /** The runs launched for one worker, oldest first. */
    public synchronized List<FakeRun> runs(String workerId) {
        return runs.stream().filter(run -> run.request().workerId().equals(workerId)).toList();
    }

    /** The latest run of a worker. */
    public FakeRun last(String workerId) {
        List<FakeRun> of = runs(workerId);
        if (of.isEmpty()) {
            throw new AssertionError("no run was launched for " + workerId);
        }
        return of.get(of.size() - 1);
    }

    /** One launched attempt. */
    public static final class FakeRun implements WorkerRun {
        private final LaunchRequest request;
        private final RunCallbacks callbacks;
        private final List<Duration> stops = new ArrayList<>();
        private final List<String> kills = new ArrayList<>();
        private final List<CompletableFuture<WorkerHealth>> healthChecks = new ArrayList<>();
        private final List<io.covey.core.worker.WorkerInput> inputs = new ArrayList<>();

        FakeRun(LaunchRequest request, RunCallbacks callbacks) {
            this.request = request;
            this.callbacks = callbacks;
        }

        /** What the run tells the engine, for a test to speak as the worker (log lines, data). */
        public RunCallbacks callbacks() {
            return callbacks;
        }

        public LaunchRequest request() {
            return request;
        }

        @Override
        public Long pid() {
            return null;
        }

        @Override
        public synchronized void stop(Duration timeout) {
            stops.add(timeout);
        }

        @Override
        public synchronized void kill(String reason) {
            kills.add(reason);
        }

        @Override
        public synchronized CompletableFuture<WorkerHealth> checkHealth() {
            CompletableFuture<WorkerHealth> answer = new CompletableFuture<>();
            healthChecks.add(answer);
            return answer;
        }

        @Override
        public synchronized void deliver(io.covey.core.worker.WorkerInput input) {
            inputs.add(input);
        }

        /** The inputs delivered, in order. */
        public synchronized List<io.covey.core.worker.WorkerInput> inputs() {
            return List.copyOf(inputs);
        }

        /** The worker is done with the oldest input not yet handled. */
        public FakeRun inputHandled() {
            callbacks.inputHandled();
            return this;
        }

        /** The timeouts of the stops the engine asked, in order. */
        public synchronized List<Duration> stops() {
            return List.copyOf(stops);
        }

        /** The reasons of the kills the engine asked, in order. */
        public synchronized List<String> kills() {
            return List.copyOf(kills);
        }

        /** The health checks asked, oldest first; a test completes them to answer. */
        public synchronized List<CompletableFuture<WorkerHealth>> healthChecks() {
            return List.copyOf(healthChecks);
        }

        // --- the worker and its runtime ---

        public FakeRun report(StatusCall call, String message) {
            callbacks.reported(StatusReport.of(call, message));
            return this;
        }

        public FakeRun completed(Object result) {
            callbacks.reported(new StatusReport(StatusCall.COMPLETED, null, CoveyJson.toTree(result)));
            return this;
        }

        /** A usage sample, as a foreign run takes one on its interval. */
        public FakeRun usage(io.covey.engine.launch.ResourceUsage usage) {
            callbacks.usage(usage);
            return this;
        }

        public void exit(RunExit exit) {
            callbacks.exited(exit);
        }

        /** The run ended on its own or after a stop, without a failure. */
        public void exitNormally() {
            exit(RunExit.normal());
        }
    }
}
