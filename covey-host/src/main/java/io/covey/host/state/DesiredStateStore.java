package io.covey.host.state;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.LongSupplier;

import io.covey.core.json.CoveyJson;
import io.covey.engine.DesiredState;
import io.covey.engine.NamedThreadFactory;
import tools.jackson.core.JacksonException;

/**
 * Keeps the desired state in {@code <state-dir>/state.json}. Every write goes to a temporary
 * file, is fsynced, and is renamed over the old one, so a crash at any moment leaves either the
 * old or the new state. Writes happen on a thread of their own and only the newest pending
 * state is written: a burst of changes costs one write, and the engine never waits for a disk.
 */
public final class DesiredStateStore implements AutoCloseable {
    private static final System.Logger LOG = System.getLogger(DesiredStateStore.class.getName());
    static final String FILE_NAME = "state.json";

    private final Path directory;
    private final Path file;
    private final AtomicReference<DesiredState> pending = new AtomicReference<>();
    private final Thread writer;
    private volatile boolean closed;
    private volatile String lastError;
    /** The desired state last loaded or saved, written once more on close with the final event seq. */
    private volatile DesiredState current = DesiredState.empty();
    private volatile long loadedEventSeq;
    private volatile LongSupplier eventSeq = () -> loadedEventSeq;

    public DesiredStateStore(Path directory) {
        this.directory = directory;
        this.file = directory.resolve(FILE_NAME);
        this.writer = new NamedThreadFactory("covey-state-writer").newThread(this::writeLoop);
    }

    /**
     * The saved state, or an empty one when none was saved yet. A file that cannot be read or
     * parsed is an error: the host must not start and overwrite it with nothing.
     */
    public DesiredState load() {
        try {
            Files.createDirectories(directory);
        } catch (IOException e) {
            throw new StateFileException("cannot create the state directory " + directory + ": " + e.getMessage(), e);
        }
        if (!Files.exists(file)) {
            return DesiredState.empty();
        }
        try {
            SavedState saved = CoveyJson.mapper().readValue(Files.readString(file, StandardCharsets.UTF_8), SavedState.class);
            if (saved.version() != SavedState.CURRENT_VERSION || saved.state() == null) {
                throw new StateFileException("the state file " + file + " has version " + saved.version()
                        + ", this host reads version " + SavedState.CURRENT_VERSION + "; it was left untouched", null);
            }
            loadedEventSeq = saved.lastEventSeq() == null ? 0 : saved.lastEventSeq();
            current = saved.state();
            return saved.state();
        } catch (IOException | JacksonException | IllegalArgumentException e) {
            throw new StateFileException("the state file " + file + " cannot be read (" + e.getMessage()
                    + "); it was left untouched: fix or move it away, then start the host again", e);
        }
    }

    /** The last event seq of the run that wrote the loaded file (0 when none was saved). */
    public long loadedEventSeq() {
        return loadedEventSeq;
    }

    /** Where each write reads the event seq to save with the state: the journal's last seq. */
    public void trackEventSeq(LongSupplier lastSeq) {
        this.eventSeq = lastSeq;
    }

    /** Starts the writer; call after {@link #load()} succeeded. */
    public void start() {
        writer.start();
    }

    /** Queues a state to be written; returns at once. */
    public void save(DesiredState state) {
        current = state;
        pending.set(state);
        synchronized (pending) {
            pending.notifyAll();
        }
    }

    private void writeLoop() {
        while (!closed || pending.get() != null) {
            DesiredState next = pending.getAndSet(null);
            if (next == null) {
                synchronized (pending) {
                    try {
                        if (pending.get() == null && !closed) {
                            pending.wait();
                        }
                    } catch (InterruptedException e) {
                        return;
                    }
                }
                continue;
            }
            write(next);
        }
    }

    void write(DesiredState state) {
        Path temp = directory.resolve(FILE_NAME + ".tmp");
        try {
            byte[] bytes = CoveyJson.mapper().writerWithDefaultPrettyPrinter()
                    .writeValueAsBytes(new SavedState(SavedState.CURRENT_VERSION, Instant.now(), eventSeq.getAsLong(), state));
            try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                    StandardOpenOption.TRUNCATE_EXISTING)) {
                channel.write(java.nio.ByteBuffer.wrap(bytes));
                channel.force(true);
            }
            try {
                Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING);
            }
            syncDirectory();
            lastError = null;
        } catch (IOException | RuntimeException e) {
            lastError = "writing " + file + " failed: " + e.getMessage();
            LOG.log(System.Logger.Level.ERROR, lastError, e);
        }
    }

    private void syncDirectory() {
        // The rename is durable only once the directory entry is; not every file system allows this.
        try (FileChannel dir = FileChannel.open(directory, StandardOpenOption.READ)) {
            dir.force(true);
        } catch (IOException ignored) {
            // best effort
        }
    }

    /** Why the last write failed, or null when it succeeded. */
    public String lastError() {
        return lastError;
    }

    public Path file() {
        return file;
    }

    /**
     * Writes what is still pending, then stops the writer. The state is written at least once
     * more, so the file holds the event seq the host ended with (call after the manager closed).
     */
    @Override
    public void close() {
        pending.compareAndSet(null, current);
        closed = true;
        synchronized (pending) {
            pending.notifyAll();
        }
        try {
            writer.join(10_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** @param lastEventSeq the journal's last seq when written; a missing field (older files) reads as 0 */
    record SavedState(int version, Instant savedAt, Long lastEventSeq, DesiredState state) {
        static final int CURRENT_VERSION = 1;
    }
}
