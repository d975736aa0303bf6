package io.covey.engine.foreign;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import io.covey.core.event.CoveyEvent;
import io.covey.core.event.EventFilter;
import io.covey.core.event.GroupEvent;
import io.covey.core.json.CoveyJson;
import io.covey.core.launch.ChildLaunchSettings;
import io.covey.core.lifecycle.WorkerState;
import io.covey.core.manifest.CoveyManifest;
import io.covey.core.spec.UpdateStrategy;
import io.covey.core.spec.WorkerSpec;
import io.covey.engine.CoveyManager;
import io.covey.engine.ExecutorScheduler;
import io.covey.engine.foreign.workers.ReusePortHttpWorker;

/**
 * A rolling update of a real HTTP server in child JVMs, two instances on one port
 * (SO_REUSEPORT), under clients that send requests all the time over keep-alive connections, as
 * HTTP clients do: not one request fails while every instance is replaced, nor when the next
 * release crashes at its start and the roll stops. The clients are plain sockets, so nothing
 * retries a failed request behind the test's back.
 */
class RollingHttpTest {
    private static final String GROUP = "web";

    private final ExecutorScheduler scheduler = new ExecutorScheduler();
    private final ForeignWorkerLauncher launcher = new ForeignWorkerLauncher(ChildLaunchSettings.defaults(), scheduler);
    private final CoveyManager manager = CoveyManager.builder(CoveyManifest.of(ReusePortHttpWorker.class))
            .scheduler(scheduler).foreignLauncher(launcher).build();
    private final List<CoveyEvent> events = new CopyOnWriteArrayList<>();
    private final List<Thread> clients = new ArrayList<>();
    private volatile boolean sending = true;
    private final AtomicLong answered = new AtomicLong();
    private final List<String> failures = new CopyOnWriteArrayList<>();
    private final ConcurrentHashMap<String, AtomicLong> bodies = new ConcurrentHashMap<>();
    private volatile String lastBody = "";

    @AfterEach
    void cleanUp() throws InterruptedException {
        sending = false;
        for (Thread client : clients) {
            client.join(5000);
        }
        manager.close();
        launcher.close();
        scheduler.close();
    }

    private static WorkerSpec http(int port, String version, boolean failAtStart) {
        return new WorkerSpec("ReusePortHttpWorker", "http", CoveyJson.toTree(new ReusePortHttpWorker.Params(port, version,
                failAtStart)), null).withInstances(2).withUpdate(UpdateStrategy.ROLLING);
    }

    @Test
    void noRequestFailsWhileEveryInstanceRollsNorWhenABrokenReleaseStopsTheRoll() throws Exception {
        manager.subscribe(EventFilter.group(GROUP), events::add);
        int port = freePort();
        manager.runGroup(GROUP, List.of(http(port, "v1", false)));
        await().atMost(Duration.ofSeconds(30)).until(() -> state("http-0") == WorkerState.RUNNING
                && state("http-1") == WorkerState.RUNNING);
        // Each child knows its instance, by CoveyWorker.instance() and by its system property COVEY_INSTANCE.
        assertThat(manager.worker("http-0").message()).endsWith("as instance=0 property=0");
        assertThat(manager.worker("http-1").message()).endsWith("as instance=1 property=1");

        for (int i = 0; i < 3; i++) {
            startClient(port);
        }
        awaitMoreAnswers(200);

        manager.runGroup(GROUP, List.of(http(port, "v2", false)));
        await().atMost(Duration.ofSeconds(60)).until(() -> rollMessage("rolling update done: 2 of 2 replaced"));
        awaitMoreAnswers(200);

        assertThat(failures).as("failed requests during the roll").isEmpty();
        assertThat(lastBody).startsWith("v2 instance=");
        assertThat(manager.worker("http-0").attempt()).isEqualTo(2);
        assertThat(manager.worker("http-1").attempt()).isEqualTo(2);

        // The next release crashes at its start: the roll stops at the first instance, both keep serving v2.
        manager.runGroup(GROUP, List.of(http(port, "v3", true)));
        await().atMost(Duration.ofSeconds(60)).until(() -> rollMessage("rolling update stopped at http-0 (1 of 2): attempt 3 crashed"));
        long v2Before = count("v2");
        awaitMoreAnswers(200);

        assertThat(failures).as("failed requests after the broken release").isEmpty();
        assertThat(count("v2")).isGreaterThan(v2Before);
        assertThat(bodies.keySet()).noneMatch(body -> body.startsWith("v3"));
        assertThat(manager.worker("http-0").attempt()).isEqualTo(2);
        assertThat(manager.worker("http-0").state()).isEqualTo(WorkerState.RUNNING);
        assertThat(manager.worker("http-0").message()).startsWith("serving v2");
        assertThat(manager.worker("http-1").attempt()).isEqualTo(2);
        assertThat(answered.get()).isGreaterThan(600);
    }

    private WorkerState state(String id) {
        return manager.worker(id).state();
    }

    private boolean rollMessage(String start) {
        return events.stream().anyMatch(e -> e instanceof GroupEvent g && g.message() != null && g.message().startsWith(start));
    }

    private long count(String version) {
        return bodies.entrySet().stream().filter(e -> e.getKey().startsWith(version)).mapToLong(e -> e.getValue().get()).sum();
    }

    private void awaitMoreAnswers(long more) {
        long target = answered.get() + more;
        await().atMost(Duration.ofSeconds(30)).until(() -> answered.get() >= target || !failures.isEmpty());
    }

    private static int freePort() throws IOException {
        try (ServerSocket probe = new ServerSocket(0)) {
            return probe.getLocalPort();
        }
    }

    /** A client on one keep-alive connection at a time, a new one only when the server closes it. */
    private void startClient(int port) {
        Thread client = new Thread(() -> {
            Socket socket = null;
            InputStream in = null;
            while (sending) {
                try {
                    if (socket == null) {
                        socket = new Socket("127.0.0.1", port);
                        in = new BufferedInputStream(socket.getInputStream());
                    }
                    String body = exchange(socket, in);
                    if (body.endsWith("\u0000close")) {
                        body = body.substring(0, body.length() - 6);
                        socket.close();
                        socket = null;
                    }
                    bodies.computeIfAbsent(body, b -> new AtomicLong()).incrementAndGet();
                    lastBody = body;
                    answered.incrementAndGet();
                } catch (IOException e) {
                    failures.add(e.toString());
                    closeQuietly(socket);
                    socket = null;
                }
                LockSupport.parkNanos(500_000); // about 2,000 requests a second per client at most
            }
            closeQuietly(socket);
        }, "http-client");
        client.setDaemon(true);
        client.start();
        clients.add(client);
    }

    /** One request and its answer's body, with a NUL and "close" appended when the server ends the connection. */
    private static String exchange(Socket socket, InputStream in) throws IOException {
        OutputStream out = socket.getOutputStream();
        out.write("GET / HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
        out.flush();
        String status = line(in);
        if (!status.startsWith("HTTP/1.1 200")) {
            throw new IOException("answer: '" + status + "'");
        }
        int length = -1;
        boolean close = false;
        for (String header = line(in); !header.isEmpty(); header = line(in)) {
            String lower = header.toLowerCase(Locale.ROOT);
            if (lower.startsWith("content-length:")) {
                length = Integer.parseInt(lower.substring(15).trim());
            } else if (lower.equals("connection: close")) {
                close = true;
            }
        }
        byte[] body = in.readNBytes(length);
        if (body.length != length) {
            throw new IOException("the answer ended after " + body.length + " of " + length + " bytes");
        }
        return new String(body, StandardCharsets.UTF_8) + (close ? "\u0000close" : "");
    }

    private static String line(InputStream in) throws IOException {
        StringBuilder line = new StringBuilder();
        for (int c = in.read(); c != '\n'; c = in.read()) {
            if (c == -1) {
                throw new IOException("the connection ended inside an answer" + (line.length() > 0 ? ": " + line : ""));
            }
            if (c != '\r') {
                line.append((char) c);
            }
        }
        return line.toString();
    }

    private static void closeQuietly(Socket socket) {
        if (socket != null) {
            try {
                socket.close();
            } catch (IOException ignored) {
                // closing anyway
            }
        }
    }
}
