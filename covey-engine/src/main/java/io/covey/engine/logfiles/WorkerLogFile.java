package io.covey.engine.logfiles;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;

/**
 * One worker's log file and its rotated predecessors ({@code .log.1} the newest). Only whole lines
 * are written, and a file is rotated between two lines, before the next one would take it past its
 * size: so no line is ever split across files or lost at a rotation. Written by the writer thread only.
 */
final class WorkerLogFile {
    private final Path path;
    private final long maxBytes;
    private final int retention;
    private OutputStream out;
    private long size;

    WorkerLogFile(Path path, long maxBytes, int retention) {
        this.path = path;
        this.maxBytes = maxBytes;
        this.retention = retention;
    }

    /** Writes one whole line (its bytes end with a newline); returns how many bytes the files hold more now (less when a rotation deleted one). */
    long write(byte[] line) throws IOException {
        if (out == null) {
            open();
        }
        long freed = 0;
        if (size > 0 && size + line.length > maxBytes) {
            freed = rotate();
        }
        out.write(line);
        size += line.length;
        return line.length - freed;
    }

    void flush() throws IOException {
        if (out != null) {
            out.flush();
        }
    }

    void close() throws IOException {
        if (out != null) {
            try {
                out.close();
            } finally {
                out = null;
            }
        }
    }

    private void open() throws IOException {
        LogDirectories.create(path.getParent());
        boolean existed = Files.exists(path);
        out = new BufferedOutputStream(Files.newOutputStream(path, StandardOpenOption.CREATE, StandardOpenOption.APPEND,
                StandardOpenOption.WRITE), 64 * 1024);
        if (!existed) {
            LogDirectories.ownerOnly(path);
        }
        size = Files.size(path);
    }

    /** .log.N is deleted, each .log.i moves to .log.(i+1), .log to .log.1, and a new .log begins. Returns the bytes deleted. */
    private long rotate() throws IOException {
        close();
        long freed = 0;
        Path oldest = rotated(path, retention);
        if (retention == 0) {
            freed += size;
            Files.deleteIfExists(path);
        } else {
            if (Files.exists(oldest)) {
                freed += Files.size(oldest);
                Files.delete(oldest);
            }
            for (int i = retention - 1; i >= 1; i--) {
                Path from = rotated(path, i);
                if (Files.exists(from)) {
                    Files.move(from, rotated(path, i + 1), StandardCopyOption.ATOMIC_MOVE);
                }
            }
            Files.move(path, rotated(path, 1), StandardCopyOption.ATOMIC_MOVE);
        }
        open();
        return freed;
    }

    /** {@code worker.log.n}; {@code n = 0} is the current file. */
    static Path rotated(Path current, int n) {
        return n == 0 ? current : current.resolveSibling(current.getFileName() + "." + n);
    }
}
