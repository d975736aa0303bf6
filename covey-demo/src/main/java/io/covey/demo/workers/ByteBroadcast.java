package io.covey.demo.workers;

import java.io.IOException;
import java.io.OutputStream;
import java.util.Arrays;
import java.util.Set;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;

import com.sun.net.httpserver.HttpExchange;

/**
 * Hands every chunk of bytes to every connected HTTP client. Each client has a bounded queue of
 * its own: one that does not read is dropped rather than allowed to hold up the others.
 */
final class ByteBroadcast {
    private static final byte[] END = new byte[0];
    private final Set<BlockingQueue<byte[]>> clients = ConcurrentHashMap.newKeySet();

    void send(byte[] buffer, int length) {
        byte[] chunk = Arrays.copyOf(buffer, length);
        for (BlockingQueue<byte[]> client : clients) {
            if (!client.offer(chunk)) {
                clients.remove(client);
                client.clear();
                client.offer(END);
            }
        }
    }

    /** Serves one client: a never-ending octet stream, until the worker stops or the client leaves. */
    void serve(HttpExchange exchange) throws IOException {
        BlockingQueue<byte[]> queue = new ArrayBlockingQueue<>(1024);
        clients.add(queue);
        exchange.getResponseHeaders().set("Content-Type", "application/octet-stream");
        exchange.getResponseHeaders().set("Cache-Control", "no-store");
        exchange.sendResponseHeaders(200, 0);
        try (OutputStream out = exchange.getResponseBody()) {
            while (true) {
                byte[] chunk = queue.take();
                if (chunk == END) {
                    return;
                }
                out.write(chunk);
                out.flush();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            clients.remove(queue);
            exchange.close();
        }
    }

    void closeAll() {
        for (BlockingQueue<byte[]> client : clients) {
            client.clear();
            client.offer(END);
        }
        clients.clear();
    }
}
