package io.covey.engine.foreign;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

import io.covey.core.protocol.ControlAddress;
import io.covey.core.protocol.ControlChannel;
import io.covey.core.protocol.ControlMessage;
import io.covey.core.protocol.ProtocolException;
import io.covey.engine.Scheduler;
import io.covey.core.launch.ChildLaunchSettings;

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
    private final Map<String, ForeignRun> expected = new ConcurrentHashMap<>();
    private final Map<Long, WarmChild> expectedWarm = new ConcurrentHashMap<>();
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

    void expect(ForeignRun run) {
        expected.put(run.identity(), run);
    }

    void forget(ForeignRun run) {
        expected.remove(run.identity(), run);
    }

    void expectWarm(WarmChild child) {
        expectedWarm.put(child.slot(), child);
    }

    void forgetWarm(WarmChild child) {
        expectedWarm.remove(child.slot(), child);
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
            serveWarm(channel, warm);
            return;
        }
        if (!(first instanceof ControlMessage.Hello hello)) {
            refuse(channel, first == null ? null : "the first message must be a hello", null);
            return;
        }
        ForeignRun run = expected.get(hello.workerId() + "#" + hello.attempt());
        String reason = check(hello, run);
        if (reason != null) {
            refuse(channel, reason, run);
            return;
        }
        run.serve(channel);
    }

    /** The same checks as for a cold child; a child that passes waits on this thread for its worker. */
    private void serveWarm(ControlChannel channel, ControlMessage.WarmHello hello) {
        WarmChild child = expectedWarm.get(hello.slot());
        String reason;
        if (!epoch.equals(hello.epoch())) {
            reason = "the child belongs to another host instance (epoch " + hello.epoch() + ")";
        } else if (child == null) {
            reason = "no warm child " + hello.slot() + " is expected";
        } else if (!MessageDigest.isEqual(child.secret().getBytes(StandardCharsets.UTF_8), hello.secret().getBytes(StandardCharsets.UTF_8))) {
            reason = "wrong secret for " + child.name();
        } else if (child.pid() != null && child.pid() != hello.pid()) {
            reason = child.name() + " is process " + child.pid() + ", not " + hello.pid();
        } else if (!child.claimChannel()) {
            reason = child.name() + " is already connected; a secret works once";
        } else {
            reason = null;
        }
        if (reason != null) {
            refuse(channel, reason, null);
            return;
        }
        child.serve(channel);
    }

    private String check(ControlMessage.Hello hello, ForeignRun run) {
        if (!epoch.equals(hello.epoch())) {
            return "the child belongs to another host instance (epoch " + hello.epoch() + ")";
        }
        if (run == null) {
            return "no child " + hello.workerId() + "#" + hello.attempt() + " is expected";
        }
        if (!MessageDigest.isEqual(run.secret().getBytes(StandardCharsets.UTF_8), hello.secret().getBytes(StandardCharsets.UTF_8))) {
            return "wrong secret for child " + run.identity();
        }
        Long pid = run.pid();
        if (pid != null && pid != hello.pid()) {
            return "child " + run.identity() + " is process " + pid + ", not " + hello.pid();
        }
        if (!run.claimChannel()) {
            return "child " + run.identity() + " is already connected; a secret works once";
        }
        return null;
    }

    private void refuse(ControlChannel channel, String reason, ForeignRun run) {
        if (reason != null) {
            LOG.log(System.Logger.Level.WARNING, "refused a control connection: " + reason);
            if (run != null) {
                run.noteRefusedConnection(reason);
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
