package io.covey.host.autoconfigure;

import java.util.List;

import org.springframework.context.SmartLifecycle;

import io.covey.engine.CoveyManager;
import io.covey.engine.DesiredState;
import io.covey.host.state.DesiredStateStore;

/**
 * Runs the manager with the application: on start it restores the saved declarations (before
 * the web server takes requests), on stop it stops every worker in parallel within the shutdown
 * budget (after the web server stopped taking requests) and writes the state a last time.
 */
public final class CoveyManagerLifecycle implements SmartLifecycle {
    private static final System.Logger LOG = System.getLogger(CoveyManagerLifecycle.class.getName());
    /** Below the web server's phases: started before it, stopped after it. */
    static final int PHASE = 0;

    private final CoveyManager manager;
    private final DesiredStateStore store;
    private final DesiredState saved;
    private volatile boolean running;

    /**
     * @param store the state store, or null when no state directory is configured
     * @param saved what the store loaded (loaded early, so a bad file stops the context before anything starts)
     */
    public CoveyManagerLifecycle(CoveyManager manager, DesiredStateStore store, DesiredState saved) {
        this.manager = manager;
        this.store = store;
        this.saved = saved;
    }

    @Override
    public void start() {
        if (manager.isClosed()) {
            // stop() is the host's shutdown; a context started again after it (context.stop() and
            // start()) must say so rather than answer every call with "shutting down".
            throw new IllegalStateException("the Covey manager was stopped with its application context and does not start again");
        }
        if (store != null) {
            store.start();
            List<String> skipped = manager.restore(saved);
            if (!skipped.isEmpty()) {
                LOG.log(System.Logger.Level.WARNING, "workers not restored, their types are no longer declared or their ids are taken: " + skipped);
            }
            LOG.log(System.Logger.Level.INFO, "restored " + saved.groups().size() + " group(s) from " + store.file());
        }
        running = true;
    }

    @Override
    public void stop() {
        running = false;
        manager.close();
        if (store != null) {
            store.close();
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    @Override
    public int getPhase() {
        return PHASE;
    }
}
