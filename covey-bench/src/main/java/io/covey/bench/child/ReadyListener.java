package io.covey.bench.child;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The harness's end of the readiness signal: a loopback socket on which each child says
 * {@code ready <pid>}. Arrivals are stamped with {@code System.nanoTime()} on an accept thread
 * that does nothing else, so the stamp is when the line arrived, not when someone looked.
 */
public final class ReadyListener implements AutoCloseable {
    /** One child that said it is ready. */
    public record Ready(long pid, long nanos) {
    }

    private final ServerSocket server;
    private final BlockingQueue<Ready> arrivals = new LinkedBlockingQueue<>();
    private final List<Socket> open = new ArrayList<>();
    private final Thread acceptor;

    public ReadyListener() throws IOException {
        server = new ServerSocket(0, 200, InetAddress.getLoopbackAddress());
        acceptor = new Thread(this::acceptLoop, "bench-ready-listener");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    public int port() {
        return server.getLocalPort();
    }

    private void acceptLoop() {
        while (!server.isClosed()) {
            try {
                Socket socket = server.accept();
                String line = readLine(socket.getInputStream());
                long now = System.nanoTime();
                synchronized (open) {
                    open.add(socket);
                }
                if (line.startsWith("ready ")) {
                    arrivals.add(new Ready(Long.parseLong(line.substring(6).trim()), now));
                }
            } catch (IOException | RuntimeException e) {
                // closed, or a child that died mid-line: it did not become ready
            }
        }
    }

    private static String readLine(InputStream in) throws IOException {
        StringBuilder line = new StringBuilder();
        int b;
        while ((b = in.read()) >= 0 && b != '\n') {
            line.append((char) b);
        }
        return line.toString();
    }

    /** The next {@code count} children to become ready, waiting at most {@code timeout} in all. */
    public List<Ready> await(int count, Duration timeout) throws InterruptedException, TimeoutException {
        long deadline = System.nanoTime() + timeout.toNanos();
        List<Ready> got = new ArrayList<>();
        while (got.size() < count) {
            Ready next = arrivals.poll(deadline - System.nanoTime(), TimeUnit.NANOSECONDS);
            if (next == null) {
                throw new TimeoutException(got.size() + " of " + count + " children became ready within " + timeout);
            }
            got.add(next);
        }
        return got;
    }

    /** Forgets arrivals not waited for (a late duplicate must not count for the next measurement). */
    public void drain() {
        arrivals.clear();
    }

    /** Closes the connections of the children seen so far (they stay up: they ignore it). */
    public void closeConnections() {
        synchronized (open) {
            open.forEach(ReadyListener::closeQuietly);
            open.clear();
        }
    }

    @Override
    public void close() {
        closeQuietly(server);
        closeConnections();
    }

    private static void closeQuietly(AutoCloseable closeable) {
        try {
            closeable.close();
        } catch (Exception ignored) {
            // already closed
        }
    }
}
