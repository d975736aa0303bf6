package io.covey.host.api;

import java.io.IOException;
import java.io.InputStream;

import io.covey.core.json.CoveyJson;
import io.covey.core.json.JsonErrors;
import io.covey.host.problem.ApiProblemException;
import io.covey.host.problem.ProblemKind;
import jakarta.servlet.http.HttpServletRequest;
import tools.jackson.core.JacksonException;
import tools.jackson.core.StreamReadConstraints;
import tools.jackson.core.exc.StreamConstraintsException;
import tools.jackson.core.exc.StreamReadException;
import tools.jackson.core.json.JsonFactory;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Reads request bodies with the host's limits: at most {@code maxBytes} (counted as they arrive,
 * whatever Content-Length claims) and at most {@code maxDepth} levels of nesting. Every way a
 * body can be wrong becomes a problem a person can act on, in words of JSON, not of the parser.
 * (That a body is JSON at all, by its Content-Type, the request guard checked before.)
 */
public final class JsonBodyReader {
    private final long maxBytes;
    private final int maxDepth;
    private final JsonMapper mapper;

    public JsonBodyReader(long maxBytes, int maxDepth) {
        this.maxBytes = maxBytes;
        this.maxDepth = maxDepth;
        JsonFactory factory = JsonFactory.builder()
                .streamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(maxDepth).build())
                .build();
        this.mapper = CoveyJson.configure(JsonMapper.builder(factory)).build();
    }

    /** The body as a JSON tree, for callers that check its shape element by element. */
    public JsonNode readTree(HttpServletRequest request) {
        byte[] body = bytes(request);
        try {
            return mapper.readTree(body);
        } catch (JacksonException e) {
            throw invalid(e);
        }
    }

    public <T> T read(HttpServletRequest request, Class<T> type) {
        byte[] body = bytes(request);
        try {
            return mapper.readValue(body, type);
        } catch (JacksonException e) {
            throw invalid(e);
        }
    }

    /** The body as it came, within the same size limit, for a call that takes bytes; an empty body is refused. */
    public byte[] readBytes(HttpServletRequest request) {
        return bytes(request);
    }

    private byte[] bytes(HttpServletRequest request) {
        if (request.getContentLengthLong() > maxBytes) {
            throw tooLarge();
        }
        byte[] body;
        try (InputStream in = request.getInputStream()) {
            body = in.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, maxBytes + 1));
        } catch (IOException e) {
            throw new ApiProblemException(ProblemKind.INVALID_JSON, "the request body could not be read to its end");
        }
        if (body.length > maxBytes) {
            throw tooLarge();
        }
        if (body.length == 0) {
            throw new ApiProblemException(ProblemKind.INVALID_JSON, "the request needs a JSON body");
        }
        return body;
    }

    private ApiProblemException invalid(JacksonException e) {
        if (e instanceof StreamConstraintsException && String.valueOf(e.getOriginalMessage()).contains("nesting depth")) {
            return new ApiProblemException(ProblemKind.INVALID_JSON, "the body nests deeper than the limit of " + maxDepth
                    + " levels (the nesting depth set by covey.host.max-json-depth)");
        }
        if (e instanceof StreamReadException) {
            return new ApiProblemException(ProblemKind.INVALID_JSON, "the body is not valid JSON: " + JsonErrors.describe(e));
        }
        return new ApiProblemException(ProblemKind.INVALID_JSON, "the body does not fit: " + JsonErrors.describe(e));
    }

    private ApiProblemException tooLarge() {
        return new ApiProblemException(ProblemKind.BODY_TOO_LARGE,
                "the request body is larger than the limit of " + maxBytes + " bytes (covey.host.max-body-size)");
    }
}
