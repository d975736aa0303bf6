package io.covey.engine.logfiles;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import io.covey.core.api.LogLine;
import io.covey.engine.WorkerLogSink;

/**
 * Workers' log lines in files, {@code <dir>/<group>/<worker>.log}, rotated by size with a number of
 * older files kept, an attempt marker before each attempt's lines, appended to across host restarts.
 * <p>
 * The threads that read a child's output only offer a line to a bounded queue and go on: a slow or
 * full disk can never block a child or the engine. One writer thread of its own writes the lines;
 * a line that finds the queue full, or the directory at its size cap, or a write failing, is
 * dropped and counted ({@link #dropped()}), and the count is written into the worker's file before
 * its next line that is written, so a reader sees where lines are missing. {@link #close()} writes
 * what is queued and flushes, bounded by {@code closeWait}.
 */
public final class LogFiles implements WorkerLogSink, AutoCloseable {
    private static final System.Logger LOG = System.getLogger(LogFiles.class.getName());
    private static final int MAX_OPEN_FILES = 128;
    private static final long WARN_EVERY_NANOS = TimeUnit.MINUTES.toNanos(1);

    private final LogFileSettings settings;
    private final BlockingQueue<Entry> queue;
    private final AtomicLong dropped = new AtomicLong();
    /** Per group/worker: lines dropped that its file does not say yet. */
    private final Map<String, AtomicLong> unreported = new ConcurrentHashMap<>();
    private final Thread writer;
    private volatile boolean closing;
    private volatile long lastWarning;

    // The writer thread's own.
    private final Map<String, WorkerLogFile> open = new LinkedHashMap<>(16, 0.75f, true);
    private long totalBytes;

    private record Entry(String group, String worker, LogLine line) {
        String key() {
            return group + "/" + worker;
        }
    }

    public LogFiles(LogFileSettings settings) throws IOException {
        this.settings = settings;
        LogDirectories.create(settings.directory());
        this.queue = new ArrayBlockingQueue<>(settings.queueCapacity());
        this.totalBytes = settings.maxTotalBytes() > 0 ? LogDirectories.size(settings.directory()) : 0;
        this.writer = new Thread(this::writeLoop, "covey-log-files");
        writer.setDaemon(true);
        writer.start();
    }

    public LogFileSettings settings() {
        return settings;
    }

    /** Lines dropped since this started: the queue was full, the directory at its cap, or a write failed. */
    public long dropped() {
        return dropped.get();
    }

    /** Lines offered and not written yet. */
    public int queued() {
        return queue.size();
    }

    @Override
    public void line(String group, String worker, LogLine line) {
        Entry entry = new Entry(group, worker, line);
        if (closing && !writer.isAlive()) {
            dropped.incrementAndGet();
            return;
        }
        if (!queue.offer(entry)) {
            drop(entry, "the log queue is full (" + settings.queueCapacity() + " lines): the disk is slower than the workers");
        }
    }

    @Override
    public void attemptStarted(String group, String worker, int attempt, Instant time) {
        line(group, worker, new LogLine(time, attempt, "covey", "--- attempt " + attempt + " started ---"));
    }

    /** The file a worker's current lines go to. */
    public Path fileOf(String group, String worker) {
        return settings.directory().resolve(group).resolve(worker + ".log");
    }

    /**
     * The last {@code count} lines of a worker's files, oldest first, read across its rotated files;
     * a last line still being written (no newline yet) is left out.
     */
    public List<LogLine> tail(String group, String worker, int count) {
        Deque<LogLine> lines = new ArrayDeque<>();
        Path current = fileOf(group, worker);
        for (int n = 0; n <= settings.retention() && lines.size() < count; n++) {
            List<LogLine> file = read(WorkerLogFile.rotated(current, n));
            for (int i = file.size() - 1; i >= 0 && lines.size() < count; i--) {
                lines.addFirst(file.get(i));
            }
        }
        return new ArrayList<>(lines);
    }

    private static List<LogLine> read(Path file) {
        String text;
        try {
            text = new String(Files.readAllBytes(file), StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            return List.of();
        } catch (IOException e) {
            LOG.log(System.Logger.Level.WARNING, "cannot read the log file " + file + ": " + e.getMessage());
            return List.of();
        }
        List<LogLine> lines = new ArrayList<>();
        int start = 0;
        for (int end = text.indexOf('\n'); end >= 0; end = text.indexOf('\n', start)) {
            LogLine line = LogFileLine.parse(text.substring(start, end));
            if (line != null) {
                lines.add(line);
            }
            start = end + 1;
        }
        return lines;
    }

    // --- the writer thread ---

    private void writeLoop() {
        try {
            while (true) {
                Entry entry = queue.poll(200, TimeUnit.MILLISECONDS);
                if (entry == null) {
                    flushAll();
                    if (closing) {
                        return;
                    }
                    continue;
                }
                write(entry);
                if (queue.isEmpty()) {
                    flushAll();
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            closeAll();
        }
    }

    private void write(Entry entry) {
        AtomicLong missed = unreported.get(entry.key());
        long missing = missed == null ? 0 : missed.getAndSet(0);
        if (missing > 0) {
            String note = missing + (missing == 1 ? " line was" : " lines were") + " dropped before this point (the log queue"
                    + " was full, the log directory at its size cap, or a write failed)";
            if (!append(entry, new LogLine(entry.line().time(), entry.line().attempt(), "covey", note), false)) {
                unreported.computeIfAbsent(entry.key(), key -> new AtomicLong()).addAndGet(missing);
            }
        }
        append(entry, entry.line(), true);
    }

    /** Writes one line; false when it was not written (and, for a worker's own line, counted as dropped). */
    private boolean append(Entry entry, LogLine line, boolean count) {
        byte[] bytes = (LogFileLine.format(line) + "\n").getBytes(StandardCharsets.UTF_8);
        if (settings.maxTotalBytes() > 0 && totalBytes + bytes.length > settings.maxTotalBytes()) {
            if (count) {
                drop(entry, "the log directory " + settings.directory() + " reached its cap of " + settings.maxTotalBytes() + " bytes");
            }
            return false;
        }
        WorkerLogFile file = open.computeIfAbsent(entry.key(), key -> new WorkerLogFile(fileOf(entry.group(), entry.worker()),
                settings.maxFileBytes(), settings.retention()));
        closeEldestIfTooMany();
        try {
            totalBytes += file.write(bytes);
            return true;
        } catch (IOException | RuntimeException e) {
            closeQuietly(open.remove(entry.key()));
            if (count) {
                drop(entry, "writing " + fileOf(entry.group(), entry.worker()) + " failed: " + e.getMessage());
            }
            return false;
        }
    }

    private void drop(Entry entry, String why) {
        dropped.incrementAndGet();
        unreported.computeIfAbsent(entry.key(), key -> new AtomicLong()).incrementAndGet();
        long now = System.nanoTime();
        if (now - lastWarning > WARN_EVERY_NANOS || lastWarning == 0) {
            lastWarning = now;
            LOG.log(System.Logger.Level.WARNING, "dropping worker log lines for the files (" + dropped.get()
                    + " so far; each file says where): " + why);
        }
    }

    private void closeEldestIfTooMany() {
        while (open.size() > MAX_OPEN_FILES) {
            var eldest = open.entrySet().iterator();
            closeQuietly(eldest.next().getValue());
            eldest.remove();
        }
    }

    private void flushAll() {
        for (var it = open.entrySet().iterator(); it.hasNext(); ) {
            try {
                it.next().getValue().flush();
            } catch (IOException e) {
                LOG.log(System.Logger.Level.WARNING, "flushing a worker log file failed: " + e.getMessage());
            }
        }
    }

    private void closeAll() {
        open.values().forEach(LogFiles::closeQuietly);
        open.clear();
    }

    private static void closeQuietly(WorkerLogFile file) {
        if (file == null) {
            return;
        }
        try {
            file.close();
        } catch (IOException e) {
            LOG.log(System.Logger.Level.WARNING, "closing a worker log file failed: " + e.getMessage());
        }
    }

    /**
     * Writes what is queued, flushes and closes the files, waiting at most {@code closeWait}: a disk
     * that hangs cannot hold the host's shutdown. Lines offered after this are dropped.
     */
    @Override
    public void close() {
        closing = true;
        try {
            writer.join(settings.closeWait().toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (writer.isAlive()) {
            LOG.log(System.Logger.Level.WARNING, "the worker log files were not written within " + settings.closeWait()
                    + " of closing (" + queue.size() + " lines still queued); leaving them");
            writer.interrupt();
        }
    }
}
