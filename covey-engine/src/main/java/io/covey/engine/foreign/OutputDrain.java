package io.covey.engine.foreign;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.List;
import java.util.concurrent.CompletableFuture;

import io.covey.engine.launch.RunCallbacks;

/**
 * Reads one output stream of a child to its end, from the first moment, so the child never blocks
 * on a full pipe. Bytes become text as UTF-8 with invalid sequences replaced; text becomes lines
 * at {@code \n} (a trailing {@code \r} dropped), and a line longer than {@link #MAX_LINE_CHARS} is
 * cut into pieces of that size, each but the last marked as continuing. The last few lines are kept to explain a failed start.
 */
final class OutputDrain implements Runnable {
    static final int MAX_LINE_CHARS = 16 * 1024;
    private static final int TAIL_LINES = 5;
    /** What HotSpot prints on its way out under -XX:+ExitOnOutOfMemoryError, before exit code 3. */
    static final String OUT_OF_MEMORY_EXIT = "Terminating due to java.lang.OutOfMemoryError";

    private final InputStream in;
    private final String stream;
    private final RunCallbacks callbacks;
    private final CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
            .onMalformedInput(CodingErrorAction.REPLACE)
            .onUnmappableCharacter(CodingErrorAction.REPLACE);
    private final StringBuilder line = new StringBuilder();
    private final ArrayDeque<String> tail = new ArrayDeque<>();
    private final CompletableFuture<Void> done = new CompletableFuture<>();
    /** The line the JVM prints as it exits for -XX:+ExitOnOutOfMemoryError, once seen. */
    private volatile String outOfMemory;

    OutputDrain(InputStream in, String stream, RunCallbacks callbacks) {
        this.in = in;
        this.stream = stream;
        this.callbacks = callbacks;
    }

    /** Completes when the stream ended: every process holding the pipe closed it or is gone. */
    CompletableFuture<Void> done() {
        return done;
    }

    /**
     * The JVM's own last words when -XX:+ExitOnOutOfMemoryError ends it ("Terminating due to
     * java.lang.OutOfMemoryError: Java heap space"), if this stream carried them; else null.
     */
    String outOfMemory() {
        return outOfMemory;
    }

    /** The last lines read, oldest first. */
    synchronized List<String> tail() {
        return List.copyOf(tail);
    }

    @Override
    public void run() {
        ByteBuffer bytes = ByteBuffer.allocate(64 * 1024);
        CharBuffer chars = CharBuffer.allocate(64 * 1024);
        try (in) {
            int read;
            while ((read = in.read(bytes.array(), bytes.position(), bytes.remaining())) >= 0) {
                bytes.position(bytes.position() + read);
                bytes.flip();
                decode(bytes, chars, false);
                bytes.compact();
            }
            bytes.flip();
            decode(bytes, chars, true);
            decoder.flush(chars);
            consume(chars);
        } catch (IOException e) {
            // The pipe broke (the stream was closed under us): what was read has been reported.
        } finally {
            if (line.length() > 0) {
                emit(line.toString());
            }
            done.complete(null);
        }
    }

    private void decode(ByteBuffer bytes, CharBuffer chars, boolean endOfInput) {
        CoderResult result;
        do {
            result = decoder.decode(bytes, chars, endOfInput);
            consume(chars);
        } while (result.isOverflow());
    }

    private void consume(CharBuffer chars) {
        chars.flip();
        while (chars.hasRemaining()) {
            char c = chars.get();
            if (c == '\n') {
                int end = line.length();
                emit(line.substring(0, end > 0 && line.charAt(end - 1) == '\r' ? end - 1 : end));
                line.setLength(0);
                continue;
            }
            line.append(c);
            if (line.length() == MAX_LINE_CHARS) {
                splitLongLine();
            }
        }
        chars.clear();
    }

    /** Emits a full piece; a high surrogate at the cut moves on with the rest of its character. */
    private void splitLongLine() {
        char last = line.charAt(MAX_LINE_CHARS - 1);
        if (Character.isHighSurrogate(last)) {
            emit(line.substring(0, MAX_LINE_CHARS - 1), true);
            line.setLength(0);
            line.append(last);
        } else {
            emit(line.toString(), true);
            line.setLength(0);
        }
    }

    private void emit(String text) {
        emit(text, false);
    }

    /** @param continues whether this is a cut piece of a line that goes on */
    private void emit(String text, boolean continues) {
        synchronized (this) {
            if (tail.size() == TAIL_LINES) {
                tail.removeFirst();
            }
            tail.addLast(text);
        }
        if (outOfMemory == null && text.startsWith(OUT_OF_MEMORY_EXIT)) {
            outOfMemory = text;
        }
        callbacks.logPiece(stream, text, continues);
    }
}
