package io.covey.host.groupsfile;

import java.io.IOException;
import java.time.Duration;

import org.springframework.context.SmartLifecycle;

/**
 * Applies the groups file once the manager has restored the saved state (one phase later), then
 * watches it: the file's groups are declared before the web server takes requests.
 */
public final class GroupsFileLifecycle implements SmartLifecycle {
    /** Right after the manager's lifecycle (phase 0), which restores the saved state first. */
    public static final int PHASE = 1;
    private static final System.Logger LOG = System.getLogger(GroupsFileLifecycle.class.getName());

    private final GroupsFileApplier applier;
    private final GroupsFileWatcher watcher;
    private volatile boolean running;

    /** @param watch whether changes to the file are applied as they happen */
    public GroupsFileLifecycle(GroupsFileApplier applier, boolean watch, Duration quiet) {
        this.applier = applier;
        this.watcher = watch ? new GroupsFileWatcher(applier.file(), applier::applyIfChanged, quiet) : null;
    }

    @Override
    public void start() {
        boolean watching = false;
        if (watcher != null) {
            try {
                watcher.register(); // before the first read, so that no change in between goes unseen
                watching = true;
            } catch (IOException e) {
                LOG.log(System.Logger.Level.WARNING, "cannot watch " + applier.file().getParent() + " (" + e.getMessage()
                        + "): changes to the groups file apply on POST /api/v1/groups-file/reload only");
            }
        }
        applier.applyAll("start");
        if (watching) {
            watcher.start();
        }
        running = true;
    }

    @Override
    public void stop() {
        running = false;
        if (watcher != null) {
            watcher.close();
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
