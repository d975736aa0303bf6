package io.covey.core.protocol;

import java.io.Closeable;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;


/**
 * One end of a control channel: newline-delimited JSON {@link ControlMessage}s over a blocking
 * {@link SocketChannel} (Unix domain or loopback TCP), at most {@code maxMessageBytes} each.
 * <p>
 * Messages go through {@link ControlCodec}, not databind, which a child would otherwise build
 * before it could run anything.
 * <p>
 * One thread receives while any thread sends: reads and writes use the channel directly, never
 * {@code Channels.newInputStream}, whose reads hold a lock that writes also take.
 */
public final class ControlChannel implements Closeable {
    private final SocketChannel channel;
    private final int maxMessageBytes;
    private final Object writeLock = new Object();
    private final ByteBuffer readBuffer = ByteBuffer.allocate(16 * 1024).flip();
    private byte[] line = new byte[1024];
    private int lineLength;

    public ControlChannel(SocketChannel channel, int maxMessageBytes) {
        if (maxMessageBytes < 64) {
            throw new IllegalArgumentException("maxMessageBytes must be at least 64, was " + maxMessageBytes);
        }
        this.channel = channel;
        this.maxMessageBytes = maxMessageBytes;
    }

    public SocketChannel socket() {
        return channel;
    }

    public int maxMessageBytes() {
        return maxMessageBytes;
    }

    /** The next message, or null when the other side closed the channel between messages. */
    public ControlMessage receive() throws IOException, ProtocolException {
        byte[] bytes = receiveLine();
        if (bytes == null) {
            return null;
        }
        return ControlCodec.decode(bytes);
    }

    /** The next line without its newline, or null at the end of the stream. Receiving thread only. */
    public byte[] receiveLine() throws IOException, ProtocolException {
        lineLength = 0;
        while (true) {
            while (readBuffer.hasRemaining()) {
                byte b = readBuffer.get();
                if (b == '\n') {
                    return Arrays.copyOf(line, lineLength);
                }
                if (lineLength == maxMessageBytes) {
                    throw new ProtocolException("a control message is larger than the limit of " + maxMessageBytes + " bytes");
                }
                if (lineLength == line.length) {
                    line = Arrays.copyOf(line, Math.min(maxMessageBytes, line.length * 2));
                }
                line[lineLength++] = b;
            }
            readBuffer.clear();
            int read = channel.read(readBuffer);
            readBuffer.flip();
            if (read < 0) {
                if (lineLength > 0) {
                    throw new ProtocolException("the channel closed in the middle of a control message");
                }
                return null;
            }
        }
    }

    /**
     * Sends one message. A message over the limit is not sent: the other side would refuse it
     * and end this worker, so the caller learns why here instead.
     */
    public void send(ControlMessage message) throws IOException, ProtocolException {
        sendLine(ControlCodec.encode(message));
    }

    /** Sends one line of JSON (without its newline), checked against the limit. */
    public void sendLine(byte[] json) throws IOException, ProtocolException {
        if (json.length > maxMessageBytes) {
            throw new ProtocolException("a control message of " + json.length + " bytes is larger than the limit of "
                    + maxMessageBytes + " bytes");
        }
        ByteBuffer buffer = ByteBuffer.allocate(json.length + 1).put(json).put((byte) '\n').flip();
        synchronized (writeLock) {
            while (buffer.hasRemaining()) {
                channel.write(buffer);
            }
        }
    }

    public void sendLine(String json) throws IOException, ProtocolException {
        sendLine(json.getBytes(StandardCharsets.UTF_8));
    }

    public boolean isOpen() {
        return channel.isOpen();
    }

    @Override
    public void close() {
        try {
            channel.close();
        } catch (IOException ignored) {
            // Closing a socket that is already broken says nothing new.
        }
    }
}
