package io.covey.engine.foreign;

import java.io.IOException;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

/**
 * The baseline for {@link SpawnBenchmark}: a child that does the least a foreign worker must do,
 * connect back over loopback and send one line, then waits for the other side to close.
 */
public final class BareChild {
    private BareChild() {
    }

    public static void main(String[] args) throws IOException {
        try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), Integer.parseInt(args[0]))) {
            socket.getOutputStream().write("ready\n".getBytes(StandardCharsets.US_ASCII));
            socket.getOutputStream().flush();
            socket.getInputStream().read();
        }
    }
}
