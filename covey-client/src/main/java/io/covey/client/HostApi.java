package io.covey.client;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.security.NoSuchAlgorithmException;
import java.util.List;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.client.ClientHttpResponse;
import org.springframework.http.client.JdkClientHttpRequestFactory;
import org.springframework.http.converter.ByteArrayHttpMessageConverter;
import org.springframework.http.converter.StringHttpMessageConverter;
import org.springframework.web.client.ResourceAccessException;
import org.springframework.web.client.RestClient;
import org.springframework.web.util.UriComponentsBuilder;

import io.covey.core.json.CoveyJson;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JavaType;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The host's REST API as plain calls: JSON in and out with Covey's own mapper (so both sides
 * agree on every field), problem responses turned into {@link CoveyClientException}, and a host
 * that does not answer into one that names its URL.
 */
final class HostApi {
    /**
     * Covey's mapper, but tolerant of fields it does not know: a newer host may add some, and an
     * older client should keep working rather than fail on them.
     */
    static final JsonMapper READER = CoveyJson.configure(JsonMapper.builder())
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .build();

    private final RestClient rest;
    private final URI baseUrl;

    HostApi(CoveyClientSettings settings, List<CoveyClientCustomizer> customizers) {
        this.baseUrl = settings.baseUrl();
        // HTTP/1.1: the JDK client's h2c upgrade attempt on plain http buys nothing here.
        HttpClient.Builder httpBuilder = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(settings.connectTimeout());
        if (settings.baseUrl().getScheme().equalsIgnoreCase("http")) {
            // Plain HTTP never uses TLS, but the JDK client would set up the default SSLContext (reading
            // the trust store) anyway: tens of milliseconds of a short-lived command (the CLI's covey ls).
            httpBuilder.sslContext(PlainHttp.SSL_CONTEXT).sslParameters(new SSLParameters());
        }
        HttpClient http = httpBuilder.build();
        JdkClientHttpRequestFactory requests = new JdkClientHttpRequestFactory(http);
        requests.setReadTimeout(settings.readTimeout());
        RestClient.Builder builder = RestClient.builder()
                .baseUrl(settings.baseUrl().toString())
                .requestFactory(requests)
                // Bodies go both ways as JSON text written and read by Covey's mapper: the one converter
                // needed. Spring's defaults would build a Jackson mapper of their own for nothing.
                .messageConverters(List.of(new StringHttpMessageConverter(StandardCharsets.UTF_8),
                        new ByteArrayHttpMessageConverter())) // input bytes
                .defaultHeader(HttpHeaders.ACCEPT, MediaType.APPLICATION_JSON_VALUE, MediaType.APPLICATION_PROBLEM_JSON_VALUE);
        if (!settings.token().isEmpty()) {
            builder.defaultHeader(HttpHeaders.AUTHORIZATION, "Bearer " + settings.token());
        }
        customizers.forEach(customizer -> customizer.customize(builder));
        this.rest = builder.build();
    }

    <T> T get(Class<T> type, String path, Object... vars) {
        return read(call(HttpMethod.GET, null, path, vars), READER.constructType(type));
    }

    <T> List<T> getList(Class<T> elementType, String path, Object... vars) {
        return read(call(HttpMethod.GET, null, path, vars), READER.getTypeFactory().constructCollectionType(List.class, elementType));
    }

    <T> T send(HttpMethod method, Object body, Class<T> type, String path, Object... vars) {
        return read(call(method, body, path, vars), READER.constructType(type));
    }

    void sendDiscarding(HttpMethod method, String path, Object... vars) {
        call(method, null, path, vars);
    }

    /** A POST of raw bytes ({@code application/octet-stream}), answered with JSON. */
    <T> T postBytes(byte[] body, Class<T> type, String path, Object... vars) {
        return read(call(HttpMethod.POST, new RawBytes(body), path, vars), READER.constructType(type));
    }

    /** A body to send as it is, not as JSON. */
    private record RawBytes(byte[] bytes) {
    }

    private String call(HttpMethod method, Object body, String path, Object... vars) {
        URI uri = expand(path, vars);
        try {
            RestClient.RequestBodySpec request = rest.method(method).uri(uri);
            if (body instanceof RawBytes raw) {
                request.contentType(MediaType.APPLICATION_OCTET_STREAM).body(raw.bytes());
            } else if (body != null) {
                request.contentType(MediaType.APPLICATION_JSON).body(CoveyJson.write(body));
            }
            return request.retrieve()
                    .onStatus(HttpStatusCode::isError, (req, response) -> {
                        throw problem(method, uri, response);
                    })
                    .body(String.class);
        } catch (ResourceAccessException e) {
            throw CoveyClientException.unreachable(uri, e.getCause() == null ? e : e.getCause());
        }
    }

    private URI expand(String path, Object... vars) {
        // Encode the template, then each variable strictly: an id can never change the path's shape.
        return UriComponentsBuilder.fromUriString(baseUrl + path).encode().buildAndExpand(vars).toUri();
    }

    private static <T> T read(String text, JavaType type) {
        if (text == null || text.isBlank()) {
            return null;
        }
        try {
            return READER.readValue(text, type);
        } catch (JacksonException e) {
            throw new CoveyClientException(200, "Unreadable answer", "the host's answer is not the expected "
                    + type.getRawClass().getSimpleName() + ": " + e.getOriginalMessage(), null, e);
        }
    }

    /** The host's problem+json as an exception; any other error body (a proxy's page) is summarized. */
    private static CoveyClientException problem(HttpMethod method, URI uri, ClientHttpResponse response) throws IOException {
        int status = response.getStatusCode().value();
        String body = new String(response.getBody().readAllBytes(), StandardCharsets.UTF_8);
        String title = response.getStatusText();
        String detail = null;
        try {
            JsonNode problem = READER.readTree(body);
            if (problem != null && problem.isObject()) {
                title = problem.path("title").isString() ? problem.get("title").asString() : title;
                detail = problem.path("detail").isString() ? problem.get("detail").asString() : null;
            }
        } catch (JacksonException notJson) {
            // a body from something in between (a proxy, a load balancer): shown below as text
        }
        if (detail == null) {
            detail = method + " " + uri + " failed with HTTP " + status
                    + (body.isBlank() ? "" : ": " + (body.length() > 200 ? body.substring(0, 200) + "…" : body));
        }
        return new CoveyClientException(status, title, detail, uri, null);
    }

    /** A TLS context never initialized, for a client that only ever speaks plain HTTP. */
    private static final class PlainHttp {
        static final SSLContext SSL_CONTEXT;

        static {
            try {
                SSL_CONTEXT = SSLContext.getInstance("TLS");
            } catch (NoSuchAlgorithmException e) {
                throw new IllegalStateException("this JVM has no TLS implementation", e);
            }
        }
    }
}
