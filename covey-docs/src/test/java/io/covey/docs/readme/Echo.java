package io.covey.docs.readme;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.ServerSocket;
import java.net.Socket;

import io.covey.core.worker.CoveyWorker;
import io.covey.core.worker.CoveyWorkerType;

/** Sends back what each client sends, one client at a time, until it is stopped. */
@CoveyWorkerType("echo")
public class Echo extends CoveyWorker<Echo.Params> {
    public record Params(int port) {
    }

    private volatile ServerSocket server;

    public Echo(Params params) {
        super(params);
    }

    @Override
    public void runWorker() throws IOException {
        server = new ServerSocket(params().port());
        running("listening on " + params().port());
        while (!server.isClosed()) {
            serve(server.accept()); // throws once stopWorker() closes the server: how a blocked call gives up
        }
    }

    @Override
    public void stopWorker() throws IOException {
        server.close();
    }

    private static void serve(Socket client) throws IOException {
        try (client; InputStream in = client.getInputStream(); OutputStream out = client.getOutputStream()) {
            in.transferTo(out);
        }
    }
}
