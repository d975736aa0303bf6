package io.covey.bench.child;

import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

/**
 * The trivial Java main every manager runs (and the floor: the same main with no manager): it
 * connects to the harness on loopback, says {@code ready <pid>}, and then stays up until killed.
 * It loads nothing beyond java.base.
 */
public final class BenchChild {
    private BenchChild() {
    }

    public static void main(String[] args) throws Exception {
        Socket socket = new Socket(InetAddress.getLoopbackAddress(), Integer.parseInt(args[0]));
        OutputStream out = socket.getOutputStream();
        out.write(("ready " + ProcessHandle.current().pid() + "\n").getBytes(StandardCharsets.US_ASCII));
        out.flush();
        // Long-running, like a real worker; the socket stays open so the harness sees a crash as EOF too.
        Thread.sleep(Long.MAX_VALUE);
    }
}
