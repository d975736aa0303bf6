package io.covey.engine.foreign;

import java.io.IOException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;

import io.covey.core.protocol.ControlChannel;
import io.covey.core.protocol.ControlMessage;
import io.covey.core.protocol.ProtocolException;

/**
 * One child of the warm pool: started ahead of need with the launcher's command line, it says its
 * hello (checked like any child's: epoch, one-time secret, pid), warms up, says it is ready, and
 * waits for the one worker it will run. Its output is drained from the first moment.
 * <p>
 * Its state only moves forward: STARTING, READY, then either ASSIGNED (from then on it belongs to the
 * run that took it, which reports its end like any child's) or GONE (it died, or was retired and
 * killed, while it waited). So a child is handed out at most once.
 */
final class WarmChild {
    enum State { STARTING, READY, ASSIGNED, GONE }

    private final long slot;
    private final ExpectedChild expected;
    private final OutputHandover output;
    private final Consumer<WarmChild> onReady;
    private final AtomicReference<State> state = new AtomicReference<>(State.STARTING);
    /** Completes with what serves the channel for the run that took this child, or with null when the child is gone. */
    private final CompletableFuture<Consumer<ControlChannel>> assignment = new CompletableFuture<>();
    private volatile ChildProcess process;
    private volatile boolean wasReady;
    private volatile ControlChannel channel;

    /**
     * @param onReady told once the child is ready and may be handed out
     * @param log     where its output goes while it waits
     */
    WarmChild(long slot, String secret, Consumer<WarmChild> onReady, System.Logger log) {
        this.slot = slot;
        this.onReady = onReady;
        this.output = new OutputHandover(name(), log);
        // A warm child has no worker yet whose log could tell of a refused impostor: the host's log does.
        this.expected = new ExpectedChild(name(), secret, this::serve, reason -> { });
    }

    String name() {
        return "warm#" + slot;
    }

    long slot() {
        return slot;
    }

    String secret() {
        return expected.secret();
    }

    /** What the control server checks this child's warm hello against. */
    ExpectedChild expected() {
        return expected;
    }

    State state() {
        return state.get();
    }

    /** Whether it ever said it was ready; a child that died before that is a failed start. */
    boolean wasReady() {
        return wasReady;
    }

    OutputHandover output() {
        return output;
    }

    /** Its control channel, once it is ready. */
    ControlChannel channel() {
        return channel;
    }

    ChildProcess process() {
        return process;
    }

    Long pid() {
        ChildProcess current = process;
        return current == null ? null : current.pid();
    }

    void start(ChildCommand command) throws IOException {
        process = ChildProcess.start(command, output, name());
        expected.spawned(process.pid());
    }

    /**
     * Runs on the connection's thread once the warm hello checked out: waits for the ready, then for
     * the run that takes this child, and serves that run's channel on this thread.
     */
    private void serve(ControlChannel channel) {
        ControlMessage message;
        try {
            message = channel.receive();
        } catch (IOException | ProtocolException e) {
            message = null;
        }
        if (!(message instanceof ControlMessage.WarmReady) || !state.compareAndSet(State.STARTING, State.READY)) {
            channel.close();
            retire();
            return;
        }
        wasReady = true;
        this.channel = channel;
        onReady.accept(this);
        Consumer<ControlChannel> run = assignment.join();
        if (run == null) {
            channel.close();
            return;
        }
        run.accept(channel);
    }

    /** Hands this child out, if it is ready and nobody had it; at most once. */
    boolean take() {
        return state.compareAndSet(State.READY, State.ASSIGNED);
    }

    /** After {@link #take()}: the waiting connection thread goes on to serve the channel with {@code run}. */
    void handOver(Consumer<ControlChannel> run) {
        assignment.complete(run);
    }

    /** Ends a child that was not handed out (idle, host shutting down, broken): SIGKILL, it has no worker. */
    boolean retire() {
        State before = state.getAndUpdate(s -> s == State.ASSIGNED ? s : State.GONE);
        if (before == State.ASSIGNED) {
            return false;
        }
        assignment.complete(null);
        ChildProcess current = process;
        if (current != null) {
            current.tree().killAll();
        }
        return before != State.GONE;
    }

    /** The child's process ended: a child that was not handed out is gone. */
    void exited() {
        state.getAndUpdate(s -> s == State.ASSIGNED ? s : State.GONE);
        if (state.get() == State.GONE) {
            assignment.complete(null);
        }
    }

    @Override
    public String toString() {
        return "WarmChild[" + name() + ", pid " + pid() + ", " + state.get() + "]";
    }
}
