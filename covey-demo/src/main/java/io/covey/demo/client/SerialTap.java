package io.covey.demo.client;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * Reads the serial worker's HTTP stream and prints each line that comes through it: the last link
 * of the chain host → child JVM → serial device → HTTP, seen from the outside. Reconnects while
 * the worker restarts.
 */
final class SerialTap implements AutoCloseable {
    private static final Duration RETRY = Duration.ofSeconds(1);

    private final URI stream;
    private final LiveView view;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private final Thread thread;
    private volatile InputStream body;
    private volatile boolean closed;

    SerialTap(URI stream, LiveView view) {
        this.stream = stream;
        this.view = view;
        this.thread = new Thread(this::run, "serial-tap");
        this.thread.setDaemon(true);
    }

    void start() {
        thread.start();
    }

    private void run() {
        boolean connectedBefore = false;
        while (!closed) {
            try {
                HttpResponse<InputStream> response = http.send(HttpRequest.newBuilder(stream).build(),
                        HttpResponse.BodyHandlers.ofInputStream());
                body = response.body();
                view.print(DemoGroup.SERIAL, "http", "connected to " + stream + ", reading what the serial port sends");
                connectedBefore = true;
                readLines(body);
                if (!closed) {
                    view.print(DemoGroup.SERIAL, "http", "the stream ended; reconnecting");
                }
            } catch (IOException e) {
                if (connectedBefore && !closed) {
                    view.print(DemoGroup.SERIAL, "http", "cannot reach " + stream + " (" + e.getClass().getSimpleName()
                            + "); retrying every " + RETRY.toSeconds() + "s");
                    connectedBefore = false;
                }
            } catch (InterruptedException e) {
                return;
            }
            pause();
        }
    }

    private void readLines(InputStream in) throws IOException {
        // The demo's writer sends text lines; a real device may send anything, shown lossily here.
        BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
        for (String line = reader.readLine(); line != null && !closed; line = reader.readLine()) {
            view.print(DemoGroup.SERIAL, "bytes", line.length() > 120 ? line.substring(0, 120) + "…" : line);
        }
    }

    private void pause() {
        try {
            Thread.sleep(RETRY.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            closed = true;
        }
    }

    @Override
    public void close() {
        closed = true;
        thread.interrupt();
        InputStream current = body;
        if (current != null) {
            try {
                current.close();
            } catch (IOException ignored) {
                // Closing is only to unblock the reader; the stream is being abandoned anyway.
            }
        }
    }
}
