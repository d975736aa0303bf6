package io.covey.bench.jmh;

import java.time.Duration;
import java.util.concurrent.TimeUnit;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

import io.covey.bench.engine.NoopGroups;
import io.covey.bench.engine.StateCounter;
import io.covey.core.api.GroupDiff;
import io.covey.core.event.EventFilter;
import io.covey.core.event.EventType;
import io.covey.core.event.Subscription;
import io.covey.core.lifecycle.WorkerState;
import io.covey.core.spec.CoveyGroup;
import io.covey.engine.CoveyManager;

/** {@code runGroup} of a declaration identical to the running one: the cost of finding nothing to do. */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
public class NoopDiffBenchmark {
    @Param({"10000"})
    public int size;

    private CoveyManager manager;
    private CoveyGroup group;

    @Setup(Level.Trial)
    public void setUp() throws Exception {
        manager = NoopGroups.manager(size);
        group = NoopGroups.group(size, 0, 0);
        StateCounter running = new StateCounter(WorkerState.RUNNING);
        try (Subscription ignored = manager.subscribe(EventFilter.ALL.withTypes(EventType.LIFECYCLE), running)) {
            manager.runGroup(group);
            running.awaitCount(size, Duration.ofMinutes(2));
        }
    }

    /** Fresh objects per call, as a client re-declaring over the API sends: nothing is equal by identity. */
    @Setup(Level.Invocation)
    public void freshDeclaration() {
        group = NoopGroups.group(size, 0, 0);
    }

    @Benchmark
    public GroupDiff declareAgain() {
        return manager.runGroup(group);
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        manager.close();
    }
}
