package io.covey.demo;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/** An HTTP client of a serial worker's port that keeps every byte it receives. */
final class HttpByteStream implements AutoCloseable {
    private final ByteArrayOutputStream received = new ByteArrayOutputStream();
    private final InputStream body;
    private final Thread reader;
    private volatile boolean ended;

    private HttpByteStream(InputStream body) {
        this.body = body;
        this.reader = new Thread(this::read, "http-byte-stream");
        this.reader.setDaemon(true);
        this.reader.start();
    }

    /** Connects and returns once the response headers arrived, i.e. once the worker counts us as a client. */
    static HttpByteStream connect(int port) throws IOException, InterruptedException {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        HttpResponse<InputStream> response = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/")).build(),
                HttpResponse.BodyHandlers.ofInputStream());
        if (response.statusCode() != 200) {
            throw new IOException("HTTP " + response.statusCode() + " from port " + port);
        }
        return new HttpByteStream(response.body());
    }

    private void read() {
        byte[] buffer = new byte[4096];
        try {
            for (int n = body.read(buffer); n >= 0; n = body.read(buffer)) {
                synchronized (received) {
                    received.write(buffer, 0, n);
                }
            }
        } catch (IOException e) {
            // The worker went away or we closed the stream: either way, the stream has ended.
        } finally {
            ended = true;
        }
    }

    byte[] bytes() {
        synchronized (received) {
            return received.toByteArray();
        }
    }

    boolean ended() {
        return ended;
    }

    @Override
    public void close() throws IOException {
        body.close();
    }
}
