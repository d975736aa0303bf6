package io.covey.host.groupsfile;

import java.io.IOException;
import java.nio.file.ClosedWatchServiceException;
import java.nio.file.Path;
import java.nio.file.StandardWatchEventKinds;
import java.nio.file.WatchKey;
import java.nio.file.WatchService;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

import io.covey.engine.NamedThreadFactory;

/**
 * Watches the groups file's directory and, once it has been quiet for a moment, tells the applier
 * to look: editors save by writing a new file and renaming it, and Kubernetes swaps a ConfigMap's
 * files through a symbolic link, so any change in the directory counts, and the applier compares
 * the content with what it read last.
 */
final class GroupsFileWatcher implements AutoCloseable {
    private static final System.Logger LOG = System.getLogger(GroupsFileWatcher.class.getName());

    private final Path directory;
    private final Runnable onChange;
    private final Duration quiet;
    private WatchService service;
    private Thread thread;

    GroupsFileWatcher(Path file, Runnable onChange, Duration quiet) {
        this.directory = file.toAbsolutePath().normalize().getParent();
        this.onChange = onChange;
        this.quiet = quiet;
    }

    /** Starts watching; changes from now on are seen, even before {@link #start()} runs the thread. */
    synchronized void register() throws IOException {
        service = directory.getFileSystem().newWatchService();
        directory.register(service, StandardWatchEventKinds.ENTRY_CREATE, StandardWatchEventKinds.ENTRY_MODIFY,
                StandardWatchEventKinds.ENTRY_DELETE);
    }

    synchronized void start() {
        thread = new NamedThreadFactory("covey-groups-file").newThread(this::loop);
        thread.start();
    }

    private void loop() {
        WatchService watching = service;
        try {
            while (true) {
                WatchKey key = watching.take();
                key.pollEvents();
                key.reset();
                // Let a burst of writes (truncate, write, rename) settle before reading.
                for (WatchKey more; (more = watching.poll(quiet.toMillis(), TimeUnit.MILLISECONDS)) != null; ) {
                    more.pollEvents();
                    more.reset();
                }
                try {
                    onChange.run();
                } catch (RuntimeException e) {
                    LOG.log(System.Logger.Level.ERROR, "applying the changed groups file failed", e);
                }
            }
        } catch (InterruptedException | ClosedWatchServiceException e) {
            // closed: the host is stopping
        }
    }

    @Override
    public synchronized void close() {
        if (service != null) {
            try {
                service.close();
            } catch (IOException e) {
                LOG.log(System.Logger.Level.DEBUG, "closing the groups file watcher: " + e);
            }
        }
        if (thread != null) {
            thread.interrupt();
        }
    }
}
