package io.covey.core.protocol;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.SocketChannel;
import java.nio.file.Path;

/**
 * Where a host listens for its children, as text that fits an environment variable:
 * {@code unix:/path/to/control.sock} or {@code tcp:127.0.0.1:PORT}.
 */
public record ControlAddress(String text) {
    private static final String UNIX = "unix:";
    private static final String TCP = "tcp:";

    public ControlAddress {
        if (text == null || !(text.startsWith(UNIX) || text.startsWith(TCP))) {
            throw new IllegalArgumentException("a control address is unix:PATH or tcp:HOST:PORT, was " + text);
        }
    }

    public static ControlAddress of(SocketAddress address) {
        if (address instanceof UnixDomainSocketAddress unix) {
            return new ControlAddress(UNIX + unix.getPath().toAbsolutePath());
        }
        InetSocketAddress inet = (InetSocketAddress) address;
        return new ControlAddress(TCP + inet.getAddress().getHostAddress() + ":" + inet.getPort());
    }

    public SocketAddress socketAddress() {
        if (text.startsWith(UNIX)) {
            return UnixDomainSocketAddress.of(Path.of(text.substring(UNIX.length())));
        }
        String hostPort = text.substring(TCP.length());
        int colon = hostPort.lastIndexOf(':');
        try {
            return new InetSocketAddress(InetAddress.getByName(hostPort.substring(0, colon)),
                    Integer.parseInt(hostPort.substring(colon + 1)));
        } catch (IOException | RuntimeException e) {
            throw new IllegalArgumentException("bad control address " + text + ": " + e.getMessage());
        }
    }

    /** A blocking channel connected to this address. */
    public SocketChannel connect() throws IOException {
        SocketAddress address = socketAddress();
        SocketChannel channel = address instanceof UnixDomainSocketAddress
                ? SocketChannel.open(StandardProtocolFamily.UNIX)
                : SocketChannel.open();
        try {
            channel.connect(address);
            return channel;
        } catch (IOException e) {
            channel.close();
            throw e;
        }
    }

    @Override
    public String toString() {
        return text;
    }
}
