package io.covey.child;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;

import io.covey.core.protocol.ChildEnvironment;
import io.covey.core.protocol.ControlAddress;
import io.covey.core.protocol.ControlChannel;
import io.covey.core.protocol.ControlMessage;
import io.covey.core.protocol.ProtocolException;

/**
 * The main class of a foreign worker's child JVM. It connects back to the host named in its
 * environment, proves who it is, receives the worker to run, and then relays everything the
 * worker does until the worker ends, the host asks it to stop, or the host goes away.
 * <p>
 * No Spring, and nothing heavy before the handshake: the hello is written by hand so that Jackson
 * is first loaded while the host is already answering.
 */
public final class ChildMain {
    static final int EXIT_BAD_ENVIRONMENT = 2;
    static final int EXIT_HANDSHAKE_FAILED = 3;

    private ChildMain() {
    }

    public static void main(String[] args) {
        int code = run(System.getenv());
        if (code != 0) {
            System.exit(code);
        }
        // On success run() does not return: ChildWorkerRun exits the JVM when the attempt ends.
    }

    static int run(Map<String, String> env) {
        String address = env.get(ChildEnvironment.CONTROL_ADDRESS);
        String secret = env.get(ChildEnvironment.SECRET);
        String epoch = env.get(ChildEnvironment.EPOCH);
        String workerId = env.get(ChildEnvironment.WORKER_ID);
        String attempt = env.get(ChildEnvironment.ATTEMPT);
        String warmSlot = env.get(ChildEnvironment.WARM_SLOT);
        if (warmSlot != null && address != null && secret != null && epoch != null) {
            return runWarm(address, secret, epoch, warmSlot, env.getOrDefault(ChildEnvironment.WARM_CLASSES, ""),
                    parseInt(env.get(ChildEnvironment.MAX_MESSAGE_BYTES), 1024 * 1024));
        }
        if (address == null || secret == null || epoch == null || workerId == null || attempt == null) {
            return fail(EXIT_BAD_ENVIRONMENT, "this entry point runs a worker for a Covey host and is started by one; "
                    + ChildEnvironment.CONTROL_ADDRESS + " and the other COVEY_* variables are not set");
        }
        int maxMessageBytes = parseInt(env.get(ChildEnvironment.MAX_MESSAGE_BYTES), 1024 * 1024);
        ControlChannel channel = connect(address, maxMessageBytes);
        if (channel == null) {
            return EXIT_HANDSHAKE_FAILED;
        }
        ControlMessage answer;
        try {
            channel.sendLine(hello(epoch, workerId, parseInt(attempt, 0), secret, currentPid()).getBytes(StandardCharsets.UTF_8));
            answer = channel.receive();
        } catch (IOException | ProtocolException e) {
            channel.close();
            return fail(EXIT_HANDSHAKE_FAILED, "the handshake with the host failed: " + e.getMessage());
        }
        if (answer instanceof ControlMessage.Welcome welcome) {
            // Looked up only now: ProcessHandle starts the JDK's reaper pool, which the hello need not wait for.
            // A host that dies during the handshake is noticed by the handshake itself.
            ProcessHandle parent = ProcessHandle.current().parent().orElse(null);
            new ChildWorkerRun(channel, parent).start(welcome);
            return 0;
        }
        channel.close();
        if (answer instanceof ControlMessage.Refused refused) {
            return fail(EXIT_HANDSHAKE_FAILED, "the host refused this child: " + refused.reason());
        }
        return fail(EXIT_HANDSHAKE_FAILED, answer == null ? "the host closed the channel during the handshake"
                : "the host answered the hello with " + answer.getClass().getSimpleName());
    }

    /** A child of the warm pool: it waits, warmed up, for the worker it will run. */
    private static int runWarm(String address, String secret, String epoch, String slotText, String workerClasses,
                               int maxMessageBytes) {
        long slot;
        try {
            slot = Long.parseLong(slotText.trim());
        } catch (NumberFormatException e) {
            return fail(EXIT_BAD_ENVIRONMENT, ChildEnvironment.WARM_SLOT + " is not a number: " + slotText);
        }
        ControlChannel channel = connect(address, maxMessageBytes);
        if (channel == null) {
            return EXIT_HANDSHAKE_FAILED;
        }
        return new WarmStandby(channel, workerClasses).run(warmHello(epoch, slot, secret, currentPid()));
    }

    /** A channel to the host, or null (said on stderr) when it cannot be reached. */
    private static ControlChannel connect(String address, int maxMessageBytes) {
        try {
            return new ControlChannel(new ControlAddress(address).connect(), maxMessageBytes);
        } catch (IOException | IllegalArgumentException e) {
            fail(EXIT_HANDSHAKE_FAILED, "cannot connect to the host at " + address + ": " + e.getMessage());
            return null;
        }
    }

    /** The {@link ControlMessage.WarmHello} as JSON, without touching Jackson (see {@link #hello}). */
    static String warmHello(String epoch, long slot, String secret, long pid) {
        StringBuilder json = new StringBuilder(160).append("{\"type\":\"warmHello\",\"epoch\":");
        quote(json, epoch).append(",\"slot\":").append(slot).append(",\"secret\":");
        return quote(json, secret).append(",\"pid\":").append(pid).append('}').toString();
    }

    /**
     * The {@link ControlMessage.Hello} as JSON, without touching Jackson. A StringBuilder rather
     * than {@code +}: the first string concatenation bootstraps invokedynamic, some 50 ms.
     */
    static String hello(String epoch, String workerId, int attempt, String secret, long pid) {
        StringBuilder json = new StringBuilder(160).append("{\"type\":\"hello\",\"epoch\":");
        quote(json, epoch).append(",\"workerId\":");
        quote(json, workerId).append(",\"attempt\":").append(attempt).append(",\"secret\":");
        return quote(json, secret).append(",\"pid\":").append(pid).append('}').toString();
    }

    private static StringBuilder quote(StringBuilder out, String value) {
        out.append('"');
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == '"' || c == '\\') {
                out.append('\\').append(c);
            } else if (c < 0x20) {
                out.append("\\u00").append(Character.forDigit(c >> 4, 16)).append(Character.forDigit(c & 0xf, 16));
            } else {
                out.append(c);
            }
        }
        return out.append('"');
    }

    /** The pid from /proc, falling back to ProcessHandle where there is no procfs. */
    private static long currentPid() {
        try {
            return Long.parseLong(java.nio.file.Path.of("/proc/self").toRealPath().getFileName().toString());
        } catch (IOException | RuntimeException e) {
            return ProcessHandle.current().pid();
        }
    }

    private static int parseInt(String text, int fallback) {
        try {
            return text == null ? fallback : Integer.parseInt(text.trim());
        } catch (NumberFormatException e) {
            return fallback;
        }
    }

    static int fail(int code, String message) {
        System.err.println("covey-child: " + message);
        return code;
    }
}
