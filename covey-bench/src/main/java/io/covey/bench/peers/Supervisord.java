package io.covey.bench.peers;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Collection;
import java.util.concurrent.TimeUnit;

import io.covey.bench.child.BenchChild;
import io.covey.bench.child.Processes;

/**
 * supervisord (Debian's package) in the foreground with an XML-RPC port: the timed command is
 * the {@code startProcessGroup} call itself, so supervisorctl's own Python start-up is not
 * counted. {@code startsecs=0}, so a process counts as started at once, as Covey's does not.
 */
public final class Supervisord implements Peer {
    private static final String GROUP = "bench";
    private final Path dir;
    private final HttpClient http = HttpClient.newHttpClient();
    private Process daemon;
    private int rpcPort;

    public Supervisord(Path dir) {
        this.dir = dir;
    }

    public static boolean available() {
        return Shell.onPath("supervisord");
    }

    @Override
    public String name() {
        return "supervisord";
    }

    @Override
    public void setUp(int port, int count) throws Exception {
        Files.createDirectories(dir);
        try (ServerSocket free = new ServerSocket(0)) {
            rpcPort = free.getLocalPort();
        }
        String command = String.join(" ", Processes.javaCommand(BenchChild.class.getName(), Integer.toString(port)));
        String conf = """
                [inet_http_server]
                port=127.0.0.1:%d
                [supervisord]
                nodaemon=true
                logfile=%s/supervisord.log
                pidfile=%s/supervisord.pid
                childlogdir=%s
                [rpcinterface:supervisor]
                supervisor.rpcinterface_factory = supervisor.rpcinterface:make_main_rpcinterface
                [program:%s]
                command=%s
                numprocs=%d
                process_name=%%(program_name)s_%%(process_num)02d
                autostart=false
                autorestart=true
                startsecs=0
                startretries=100
                stopsignal=KILL
                stdout_logfile=NONE
                redirect_stderr=true
                """.formatted(rpcPort, dir, dir, dir, GROUP, command, count);
        Path file = dir.resolve("supervisord.conf");
        Files.writeString(file, conf);
        daemon = new ProcessBuilder("supervisord", "-n", "-c", file.toString()).redirectErrorStream(true)
                .redirectOutput(dir.resolve("supervisord.out").toFile()).start();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (true) {
            try {
                call("supervisor.getState");
                return;
            } catch (IOException e) {
                if (System.nanoTime() > deadline || !daemon.isAlive()) {
                    throw new IOException("supervisord did not start; see " + dir.resolve("supervisord.out"), e);
                }
                Thread.sleep(50);
            }
        }
    }

    @Override
    public void startAll() throws Exception {
        call("supervisor.startProcessGroup", "<string>" + GROUP + "</string>", "<boolean>0</boolean>");
    }

    @Override
    public void awaitSteady(int count) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (call("supervisor.getAllProcessInfo").split("<string>RUNNING</string>", -1).length - 1 < count) {
            if (System.nanoTime() > deadline) {
                throw new IOException("supervisord did not report all " + count + " RUNNING within 30 s");
            }
            Thread.sleep(20);
        }
    }

    @Override
    public long managerPid() {
        return daemon.pid();
    }

    @Override
    public void stopAll(Collection<Long> childPids) throws Exception {
        call("supervisor.stopProcessGroup", "<string>" + GROUP + "</string>", "<boolean>1</boolean>");
    }

    private String call(String method, String... params) throws IOException, InterruptedException {
        StringBuilder body = new StringBuilder("<?xml version=\"1.0\"?><methodCall><methodName>").append(method)
                .append("</methodName><params>");
        for (String param : params) {
            body.append("<param><value>").append(param).append("</value></param>");
        }
        body.append("</params></methodCall>");
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + rpcPort + "/RPC2"))
                .timeout(Duration.ofSeconds(60)).header("Content-Type", "text/xml")
                .POST(HttpRequest.BodyPublishers.ofString(body.toString())).build();
        HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200 || response.body().contains("<fault>")) {
            throw new IOException(method + " failed: " + response.statusCode() + " " + response.body());
        }
        return response.body();
    }

    @Override
    public void close() throws Exception {
        if (daemon == null) {
            return;
        }
        daemon.destroy(); // SIGTERM: supervisord stops its children, then exits
        if (!daemon.waitFor(30, TimeUnit.SECONDS)) {
            daemon.destroyForcibly();
            daemon.waitFor();
        }
    }
}
