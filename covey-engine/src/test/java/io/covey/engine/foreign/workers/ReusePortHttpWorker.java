package io.covey.engine.foreign.workers;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.channels.Channels;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import io.covey.core.worker.CoveyWorker;

/**
 * A tiny HTTP/1.1 server written the way a worker that rolls without downtime must be: it binds
 * its port with {@code SO_REUSEPORT}, so a new attempt can listen on the same port while the old
 * one still serves, and it stops gracefully: first it closes its listening socket (from then on
 * the kernel hands every new connection to the other attempt), then it answers the next request
 * on each open keep-alive connection with {@code Connection: close} and closes it, so that clients
 * reconnect, to the new attempt. A request is never cut off. Answers
 * {@code <version> instance=<instance()> property=<COVEY_INSTANCE>}. With {@code failAtStart} it
 * crashes before it binds (a bad release).
 */
public class ReusePortHttpWorker extends CoveyWorker<ReusePortHttpWorker.Params> {
    public record Params(int port, String version, boolean failAtStart) {
    }

    /** How long a stop waits for idle keep-alive connections to send their next request. */
    private static final Duration DRAIN = Duration.ofSeconds(3);

    private final Set<Connection> connections = ConcurrentHashMap.newKeySet();
    private final CountDownLatch stopped = new CountDownLatch(1);
    private volatile ServerSocketChannel server;
    private volatile boolean draining;

    public ReusePortHttpWorker(Params params) {
        super(params);
    }

    @Override
    public void runWorker() throws Exception {
        if (params().failAtStart()) {
            throw new IllegalStateException("release " + params().version() + " is broken");
        }
        ServerSocketChannel channel = ServerSocketChannel.open();
        channel.setOption(StandardSocketOptions.SO_REUSEPORT, true);
        channel.bind(new InetSocketAddress("127.0.0.1", params().port()), 1024);
        server = channel;
        Thread acceptor = new Thread(this::accept, "http-accept");
        acceptor.start();
        running("serving " + params().version() + " on " + params().port() + " as instance=" + instance() + " property="
                + System.getProperty(INSTANCE_PROPERTY));
        stopped.await();
    }

    private void accept() {
        while (!draining) {
            try {
                Connection connection = new Connection(server.accept());
                connections.add(connection);
                new Thread(connection::serve, "http-connection").start();
            } catch (IOException closed) {
                return; // the stop closed the listener
            }
        }
    }

    @Override
    public void stopWorker() throws Exception {
        // First the listener: no new connection comes to this attempt any more. Only then may a client be
        // told to reconnect, or it could reconnect into this listener's queue just before it closes.
        server.close();
        draining = true;
        long deadline = System.nanoTime() + DRAIN.toNanos();
        while (!connections.isEmpty() && System.nanoTime() < deadline) {
            TimeUnit.MILLISECONDS.sleep(10); // each connection closes after its next answer
        }
        connections.forEach(Connection::close);
        stopped.countDown();
    }

    private final class Connection {
        private final SocketChannel channel;

        Connection(SocketChannel channel) {
            this.channel = channel;
        }

        void serve() {
            try (InputStream in = new BufferedInputStream(Channels.newInputStream(channel));
                 OutputStream out = Channels.newOutputStream(channel)) {
                while (readRequest(in)) {
                    boolean last = draining;
                    byte[] body = (params().version() + " instance=" + instance() + " property="
                            + System.getProperty(INSTANCE_PROPERTY)).getBytes(StandardCharsets.UTF_8);
                    out.write(("HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nContent-Length: " + body.length + "\r\n"
                            + (last ? "Connection: close\r\n" : "") + "\r\n").getBytes(StandardCharsets.US_ASCII));
                    out.write(body);
                    out.flush();
                    if (last) {
                        break;
                    }
                }
            } catch (IOException e) {
                // the client went away
            } finally {
                connections.remove(this);
            }
        }

        /** Reads one request's head (the client sends no body); false at the end of the stream. */
        private boolean readRequest(InputStream in) throws IOException {
            int matched = 0;
            int read;
            boolean any = false;
            while ((read = in.read()) != -1) {
                any = true;
                matched = read == (matched % 2 == 0 ? '\r' : '\n') ? matched + 1 : (read == '\r' ? 1 : 0);
                if (matched == 4) {
                    return true;
                }
            }
            if (any) {
                throw new IOException("the stream ended inside a request");
            }
            return false;
        }

        void close() {
            try {
                channel.close();
            } catch (IOException ignored) {
                // closing anyway
            }
        }
    }
}
