package io.covey.host.api;

import java.io.IOException;
import java.io.InputStream;

import io.covey.core.api.CoveyException;
import io.covey.core.api.InvalidSpecException;
import io.covey.core.json.CoveyJson;
import jakarta.servlet.http.HttpServletRequest;
import tools.jackson.core.JacksonException;
import tools.jackson.core.StreamReadConstraints;
import tools.jackson.core.json.JsonFactory;
import tools.jackson.databind.DatabindException;
import tools.jackson.databind.json.JsonMapper;

/**
 * Reads request bodies with the host's limits: at most {@code maxBytes} (counted as they arrive,
 * whatever Content-Length claims) and at most {@code maxDepth} levels of nesting. Every way a
 * body can be wrong becomes an error a person can act on.
 */
public final class JsonBodyReader {
    private final long maxBytes;
    private final JsonMapper mapper;

    public JsonBodyReader(long maxBytes, int maxDepth) {
        this.maxBytes = maxBytes;
        JsonFactory factory = JsonFactory.builder()
                .streamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(maxDepth).build())
                .build();
        this.mapper = CoveyJson.configure(JsonMapper.builder(factory)).build();
    }

    public <T> T read(HttpServletRequest request, Class<T> type) {
        if (request.getContentLengthLong() > maxBytes) {
            throw new RequestTooLargeException(maxBytes);
        }
        byte[] body;
        try (InputStream in = request.getInputStream()) {
            body = in.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, maxBytes + 1));
        } catch (IOException e) {
            throw new InvalidSpecException("the request body could not be read: " + e.getMessage());
        }
        if (body.length > maxBytes) {
            throw new RequestTooLargeException(maxBytes);
        }
        if (body.length == 0) {
            throw new InvalidSpecException("the request needs a JSON body");
        }
        try {
            return mapper.readValue(body, type);
        } catch (DatabindException e) {
            throw new InvalidSpecException(describe(e));
        } catch (JacksonException e) {
            throw new InvalidSpecException("the body is not valid JSON: " + e.getOriginalMessage() + location(e));
        }
    }

    /** The reason a person can act on: our own validation message when one caused it, else Jackson's, with where. */
    private static String describe(DatabindException e) {
        for (Throwable cause = e.getCause(); cause != null; cause = cause.getCause()) {
            if (cause instanceof CoveyException || cause instanceof IllegalArgumentException) {
                return cause.getMessage();
            }
        }
        String message = e.getOriginalMessage();
        int advice = message == null ? -1 : message.indexOf(" (set `");
        if (advice >= 0) {
            message = message.substring(0, advice);
        }
        return "the body does not fit: " + message + path(e);
    }

    private static String path(DatabindException e) {
        String path = e.getPath().stream()
                .map(ref -> ref.getPropertyName() != null ? ref.getPropertyName() : "[" + ref.getIndex() + "]")
                .reduce((a, b) -> b.startsWith("[") ? a + b : a + "." + b).orElse("");
        return path.isEmpty() ? "" : " (at " + path + ")";
    }

    private static String location(JacksonException e) {
        return e.getLocation() == null ? "" : " (line " + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr() + ")";
    }
}
