package io.covey.host.it;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

import io.covey.core.json.CoveyJson;
import tools.jackson.databind.JsonNode;

/**
 * HTTP/1.1 over a plain socket, for what java.net.http will not send: a forged Host header, a
 * WebSocket handshake read as the HTTP answer it is when the server refuses it.
 */
public final class RawHttp {
    private RawHttp() {
    }

    public record Answer(int status, Map<String, String> headers, String body) {
        public JsonNode json() {
            return CoveyJson.mapper().readTree(body);
        }
    }

    /** A handshake of /ws/events with this query (and, if not null, this Origin). */
    public static Answer webSocketHandshake(int port, String query, String origin) throws IOException {
        return exchange(port, "GET /ws/events" + (query.isEmpty() ? "" : "?" + query) + " HTTP/1.1\r\n"
                + "Host: 127.0.0.1:" + port + "\r\n" + "Upgrade: websocket\r\n" + "Connection: Upgrade\r\n"
                + "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n" + "Sec-WebSocket-Version: 13\r\n"
                + (origin == null ? "" : "Origin: " + origin + "\r\n") + "\r\n");
    }

    /** Sends the request text as is and reads one answer: status, headers, and a Content-Length body. */
    public static Answer exchange(int port, String request) throws IOException {
        try (Socket socket = new Socket("127.0.0.1", port)) {
            socket.setSoTimeout(10_000);
            OutputStream out = socket.getOutputStream();
            out.write(request.getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
            InputStream in = socket.getInputStream();
            String statusLine = line(in);
            Map<String, String> headers = new LinkedHashMap<>();
            for (String header = line(in); !header.isEmpty(); header = line(in)) {
                int colon = header.indexOf(':');
                headers.put(header.substring(0, colon).trim().toLowerCase(Locale.ROOT), header.substring(colon + 1).trim());
            }
            int status = Integer.parseInt(statusLine.split(" ")[1]);
            if (status == 101) {
                return new Answer(status, headers, "");
            }
            String length = headers.get("content-length");
            byte[] body = length != null ? in.readNBytes(Integer.parseInt(length)) : readChunked(in, headers);
            return new Answer(status, headers, new String(body, StandardCharsets.UTF_8));
        }
    }

    private static byte[] readChunked(InputStream in, Map<String, String> headers) throws IOException {
        if (!"chunked".equalsIgnoreCase(headers.get("transfer-encoding"))) {
            return in.readAllBytes();
        }
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        for (int size = Integer.parseInt(line(in).trim(), 16); size > 0; size = Integer.parseInt(line(in).trim(), 16)) {
            body.write(in.readNBytes(size));
            line(in);
        }
        return body.toByteArray();
    }

    private static String line(InputStream in) throws IOException {
        StringBuilder line = new StringBuilder();
        for (int c = in.read(); c != -1 && c != '\n'; c = in.read()) {
            if (c != '\r') {
                line.append((char) c);
            }
        }
        return line.toString();
    }
}
