package io.covey.engine.foreign;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

import io.covey.core.launch.AttemptId;
import io.covey.core.launch.ChildLaunchSettings;
import io.covey.core.protocol.ControlAddress;
import io.covey.core.protocol.ControlChannel;
import io.covey.core.protocol.ControlMessage;
import io.covey.core.protocol.ProtocolException;
import io.covey.engine.Scheduler;

/**
 * The one listening socket of a launcher: a Unix domain socket (mode 0600, in a directory of mode
 * 0700) or a loopback TCP port. A connection is served only after its hello names this host's
 * epoch and a child the launcher is waiting for, with that child's secret, from that child's pid;
 * a secret works once. Everything else is answered {@link ControlMessage.Refused} and closed.
 */
final class ControlServer implements AutoCloseable {
    static final Duration HELLO_DEADLINE = Duration.ofSeconds(5);
    /** Connections still owing their hello; more are closed at once (any local user can reach a TCP port). */
    static final int MAX_UNIDENTIFIED = 64;
    private static final System.Logger LOG = System.getLogger(ControlServer.class.getName());

    private final ChildLaunchSettings settings;
    private final String epoch;
    private final Scheduler scheduler;
    private final Map<AttemptId, ExpectedChild> expected = new ConcurrentHashMap<>();
    private final Map<Long, ExpectedChild> expectedWarm = new ConcurrentHashMap<>();
    private final AtomicInteger connections = new AtomicInteger();
    private final AtomicInteger unidentified = new AtomicInteger();
    private final ServerSocketChannel server;
    private final ControlAddress address;
    private final Path socketDirectory;

    ControlServer(ChildLaunchSettings settings, String epoch, Scheduler scheduler) throws IOException {
        this.settings = settings;
        this.epoch = epoch;
        this.scheduler = scheduler;
        if (settings.transport() == ChildLaunchSettings.Transport.UNIX) {
            Path base = settings.socketDirectory() != null ? settings.socketDirectory() : Path.of(System.getProperty("java.io.tmpdir"));
            Files.createDirectories(base);
            socketDirectory = Files.createTempDirectory(base, "covey-", PosixFilePermissions.asFileAttribute(
                    PosixFilePermissions.fromString("rwx------")));
            Path socket = socketDirectory.resolve("control.sock");
            server = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
            try {
                server.bind(UnixDomainSocketAddress.of(socket));
                Files.setPosixFilePermissions(socket, PosixFilePermissions.fromString("rw-------"));
            } catch (IOException e) {
                close();
                throw new IOException("cannot listen on " + socket + " (a Unix socket path must stay under ~100 bytes): "
                        + e.getMessage(), e);
            }
        } else {
            socketDirectory = null;
            server = ServerSocketChannel.open();
            server.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
        }
        address = ControlAddress.of(server.getLocalAddress());
        Thread acceptor = new Thread(this::acceptLoop, "covey-control-accept");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    ControlAddress address() {
        return address;
    }

    /** Waits for the hello of attempt {@code id}'s child. */
    void expect(AttemptId id, ExpectedChild child) {
        expected.put(id, child);
    }

    void forget(AttemptId id, ExpectedChild child) {
        expected.remove(id, child);
    }

    /** Waits for the warm hello of the warm pool's child in {@code slot}. */
    void expectWarm(long slot, ExpectedChild child) {
        expectedWarm.put(slot, child);
    }

    void forgetWarm(long slot, ExpectedChild child) {
        expectedWarm.remove(slot, child);
    }

    private void acceptLoop() {
        while (server.isOpen()) {
            SocketChannel channel;
            try {
                channel = server.accept();
            } catch (ClosedChannelException e) {
                return;
            } catch (IOException e) {
                LOG.log(System.Logger.Level.WARNING, "accepting a control connection failed: " + e.getMessage());
                continue;
            }
            if (unidentified.incrementAndGet() > MAX_UNIDENTIFIED) {
                unidentified.decrementAndGet();
                LOG.log(System.Logger.Level.WARNING, "dropped a control connection: " + MAX_UNIDENTIFIED
                        + " others have not said hello yet");
                closeQuietly(channel);
                continue;
            }
            Thread thread = new Thread(() -> serve(channel), "covey-control-" + connections.incrementAndGet());
            thread.setDaemon(true);
            thread.start();
        }
    }

    /** Checks the hello; a child that passes is served on this thread until its channel closes. */
    private void serve(SocketChannel socket) {
        ControlChannel channel = new ControlChannel(socket, settings.maxMessageBytes());
        Scheduler.Cancellable deadline = scheduler.schedule(HELLO_DEADLINE, channel::close);
        ControlMessage first;
        try {
            first = channel.receive();
        } catch (IOException | ProtocolException e) {
            LOG.log(System.Logger.Level.WARNING, "dropped a control connection before its hello: " + e.getMessage());
            channel.close();
            return;
        } finally {
            deadline.cancel();
            unidentified.decrementAndGet();
        }
        if (first instanceof ControlMessage.WarmHello warm) {
            admit(channel, warm.epoch(), expectedWarm.get(warm.slot()), "no warm child " + warm.slot() + " is expected",
                    warm.secret(), warm.pid());
        } else if (first instanceof ControlMessage.Hello hello) {
            AttemptId id = new AttemptId(hello.workerId(), hello.attempt());
            admit(channel, hello.epoch(), expected.get(id), "no child " + id + " is expected", hello.secret(), hello.pid());
        } else {
            refuse(channel, first == null ? null : "the first message must be a hello", null);
        }
    }

    /** The same checks for a cold and a warm child: this host's epoch, a child waited for, its secret, its pid, once. */
    private void admit(ControlChannel channel, String helloEpoch, ExpectedChild child, String unexpected, String secret,
                       long pid) {
        String reason = !epoch.equals(helloEpoch) ? "the child belongs to another host instance (epoch " + helloEpoch + ")"
                : child == null ? unexpected
                : child.admit(secret, pid);
        if (reason != null) {
            refuse(channel, reason, child);
            return;
        }
        child.serve(channel);
    }

    private void refuse(ControlChannel channel, String reason, ExpectedChild child) {
        if (reason != null) {
            LOG.log(System.Logger.Level.WARNING, "refused a control connection: " + reason);
            if (child != null) {
                child.refused(reason);
            }
            try {
                channel.send(new ControlMessage.Refused(reason));
            } catch (IOException | ProtocolException e) {
                // The peer is gone already; nothing to tell it.
            }
        }
        channel.close();
    }

    private static void closeQuietly(SocketChannel channel) {
        try {
            channel.close();
        } catch (IOException ignored) {
            // A connection we refuse to serve; nothing to tell it.
        }
    }

    @Override
    public void close() {
        try {
            if (server != null) {
                server.close();
            }
        } catch (IOException ignored) {
            // Closing a listener we are done with cannot fail in a way that matters.
        }
        if (socketDirectory != null) {
            try {
                Files.deleteIfExists(socketDirectory.resolve("control.sock"));
                Files.deleteIfExists(socketDirectory);
            } catch (IOException e) {
                LOG.log(System.Logger.Level.WARNING, "cannot delete " + socketDirectory + ": " + e.getMessage());
            }
        }
    }
}
