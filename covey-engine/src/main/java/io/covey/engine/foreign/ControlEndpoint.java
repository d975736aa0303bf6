package io.covey.engine.foreign;

import java.io.IOException;

import io.covey.core.launch.ChildLaunchSettings;
import io.covey.engine.Scheduler;

/**
 * A launcher's control server, opened at the first child that needs it. Once the launcher is
 * closing, no child may register any more ({@link #open()} refuses), while the children still
 * ending keep their connections until {@link #close()}.
 */
final class ControlEndpoint implements AutoCloseable {
    private final ChildLaunchSettings settings;
    private final String epoch;
    private final Scheduler scheduler;
    // Guarded by this.
    private ControlServer server;
    private boolean closing;

    ControlEndpoint(ChildLaunchSettings settings, String epoch, Scheduler scheduler) {
        this.settings = settings;
        this.epoch = epoch;
        this.scheduler = scheduler;
    }

    /** The server, opened now if it was not yet; refused once the launcher is closing. */
    synchronized ControlServer open() throws IOException {
        if (closing) {
            throw new IOException("the foreign worker launcher is closed");
        }
        if (server == null) {
            server = new ControlServer(settings, epoch, scheduler);
        }
        return server;
    }

    /** The server if it was opened, else null; never opens one. */
    synchronized ControlServer current() {
        return server;
    }

    /** From now on {@link #open()} refuses. */
    synchronized void stopOpening() {
        closing = true;
    }

    /** Closes the server, if one was opened, and removes its socket. */
    @Override
    public void close() {
        ControlServer current;
        synchronized (this) {
            closing = true;
            current = server;
        }
        if (current != null) {
            current.close();
        }
    }
}
