package io.covey.engine.logfiles;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;

/**
 * Where and how workers' log files are written.
 *
 * @param directory     the root: each worker's lines go to {@code <directory>/<group>/<worker>.log}
 * @param maxFileBytes  a file is rotated before a line would take it past this size
 * @param retention     how many rotated files ({@code .log.1} newest to {@code .log.N}) are kept per worker
 * @param maxTotalBytes the most all files under the directory may hold; lines beyond it are dropped and
 *                      counted (the way a full disk behaves, but known in advance); 0 for no cap
 * @param queueCapacity lines waiting for the writer thread; one more is dropped and counted, never waited for
 * @param closeWait     how long {@code close()} waits for the queued lines to be written
 */
public record LogFileSettings(Path directory, long maxFileBytes, int retention, long maxTotalBytes, int queueCapacity,
                              Duration closeWait) {
    public static final long DEFAULT_MAX_FILE_BYTES = 10L * 1024 * 1024;
    public static final int DEFAULT_RETENTION = 5;
    public static final int DEFAULT_QUEUE_CAPACITY = 10_000;
    public static final Duration DEFAULT_CLOSE_WAIT = Duration.ofSeconds(5);

    public LogFileSettings {
        Objects.requireNonNull(directory, "directory");
        if (maxFileBytes < 1024) {
            throw new IllegalArgumentException("maxFileBytes must be at least 1KB, was " + maxFileBytes);
        }
        if (retention < 0) {
            throw new IllegalArgumentException("retention must not be negative, was " + retention);
        }
        if (maxTotalBytes < 0) {
            throw new IllegalArgumentException("maxTotalBytes must not be negative (0: no cap), was " + maxTotalBytes);
        }
        if (queueCapacity < 1) {
            throw new IllegalArgumentException("queueCapacity must be at least 1, was " + queueCapacity);
        }
        closeWait = closeWait == null ? DEFAULT_CLOSE_WAIT : closeWait;
    }

    /** The documented defaults under {@code directory}. */
    public static LogFileSettings in(Path directory) {
        return new LogFileSettings(directory, DEFAULT_MAX_FILE_BYTES, DEFAULT_RETENTION, 0, DEFAULT_QUEUE_CAPACITY,
                DEFAULT_CLOSE_WAIT);
    }

    public LogFileSettings withMaxFileBytes(long bytes) {
        return new LogFileSettings(directory, bytes, retention, maxTotalBytes, queueCapacity, closeWait);
    }

    public LogFileSettings withRetention(int files) {
        return new LogFileSettings(directory, maxFileBytes, files, maxTotalBytes, queueCapacity, closeWait);
    }

    public LogFileSettings withMaxTotalBytes(long bytes) {
        return new LogFileSettings(directory, maxFileBytes, retention, bytes, queueCapacity, closeWait);
    }

    public LogFileSettings withQueueCapacity(int lines) {
        return new LogFileSettings(directory, maxFileBytes, retention, maxTotalBytes, lines, closeWait);
    }
}
