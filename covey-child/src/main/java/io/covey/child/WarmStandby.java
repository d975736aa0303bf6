package io.covey.child;

import java.io.IOException;
import java.nio.charset.StandardCharsets;

import io.covey.core.protocol.ControlChannel;
import io.covey.core.protocol.ControlMessage;
import io.covey.core.protocol.ProtocolException;

/**
 * A child of the host's warm pool before it has a worker: it says its hello, warms up everything
 * that does not depend on the worker ({@link WarmUp}), says {@link ControlMessage.WarmReady}, and
 * waits. An {@link ControlMessage.Assign} turns it into an ordinary child running that one worker;
 * anything else ends it. It never runs a second worker: the JVM exits when its worker ends.
 * <p>
 * While it waits it obeys the rule of every child: when the host goes away (the channel reaches
 * its end, or the parent process ends) it exits at once; it has no worker to stop.
 */
final class WarmStandby {
    private final ControlChannel channel;
    private final String workerClasses;
    private volatile boolean assigned;

    /** @param workerClasses the worker classes it may be asked to run, comma-separated, to load while it waits */
    WarmStandby(ControlChannel channel, String workerClasses) {
        this.channel = channel;
        this.workerClasses = workerClasses;
    }

    /** Returns a non-zero exit code if the child is to exit now, 0 once its worker runs. */
    int run(String helloJson) {
        try {
            channel.sendLine(helloJson.getBytes(StandardCharsets.UTF_8));
        } catch (IOException | ProtocolException e) {
            channel.close();
            return ChildMain.fail(ChildMain.EXIT_HANDSHAKE_FAILED, "the handshake with the host failed: " + e.getMessage());
        }
        WarmUp.run();
        WorkerFactory.preload(workerClasses);
        // Looked up after the hello, as in a cold child: ProcessHandle starts the JDK's reaper pool.
        ProcessHandle parent = ProcessHandle.current().parent().orElse(null);
        if (parent != null) {
            parent.onExit().thenRun(this::parentGone);
        }
        ChildWorkerRun run = new ChildWorkerRun(channel, parent);
        ControlMessage answer;
        try {
            channel.send(new ControlMessage.WarmReady());
            answer = channel.receive();
        } catch (IOException | ProtocolException e) {
            channel.close();
            return ChildMain.fail(ChildMain.EXIT_HANDSHAKE_FAILED, "the host went away while this warm child waited: "
                    + e.getMessage());
        }
        if (answer instanceof ControlMessage.Assign assign) {
            assigned = true;
            // What a cold child has on its command line, for the worker and for thread dumps. Not
            // "+": this call site's first string concatenation would cost the start a millisecond.
            System.setProperty("covey.worker", assign.workerId().concat("#").concat(Integer.toString(assign.attempt())));
            run.start(assign.toWelcome());
            return 0;
        }
        channel.close();
        if (answer instanceof ControlMessage.Refused refused) {
            return ChildMain.fail(ChildMain.EXIT_HANDSHAKE_FAILED, "the host refused this child: " + refused.reason());
        }
        return ChildMain.fail(ChildMain.EXIT_HANDSHAKE_FAILED, answer == null
                ? "the host closed the channel while this warm child waited"
                : "the host answered the warm hello with " + answer.getClass().getSimpleName());
    }

    /** The channel's end normally tells first; this is the backup of a child with no worker to stop. */
    private void parentGone() {
        if (!assigned) {
            System.err.println("covey-child: the host process ended while this warm child waited");
            System.exit(ChildMain.EXIT_HANDSHAKE_FAILED);
        }
    }
}
