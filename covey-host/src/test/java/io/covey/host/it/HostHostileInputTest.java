package io.covey.host.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.http.HttpRequest;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.stream.Stream;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

import tools.jackson.databind.JsonNode;

/**
 * A battery of hostile requests (bodies, names, ids, params, headers, query strings, WebSocket
 * queries) against a tokenless host: each answer a 4xx problem+json with a typed type and the
 * request path as instance, no 5xx, no Java in it, and nothing changed (same groups, no event).
 */
@SpringBootTest(classes = TestHostConfiguration.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"covey.host.worker-defaults.foreign=false", "covey.host.max-body-size=64KB"})
class HostHostileInputTest {
    private static final String PREFIX = "urn:covey:problem:";

    @LocalServerPort
    int port;
    HttpJson api;

    /** One hostile request: what it is, how it is sent, the status and the problem type it must get. */
    record Hostile(String name, Function<HostHostileInputTest, Answer> send, int status, String type, String detailPart) {
        @Override
        public String toString() {
            return name;
        }
    }

    record Answer(int status, String contentType, JsonNode problem, String body) {
    }

    @BeforeEach
    void aRunningGroupToKeep() {
        api = new HttpJson(port, null);
        if (api.get("/api/v1/groups/keep").status() == 404) {
            api.put("/api/v1/groups/keep", "{\"workers\":[{\"type\":\"ServiceWorker\",\"id\":\"kept\",\"params\":{\"name\":\"k\"}}]}");
            await().until(() -> api.get("/api/v1/workers/kept").json().get("state").asString().equals("RUNNING"));
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("battery")
    void refusedCleanlyAndNothingChanges(Hostile hostile) {
        String groupsBefore = api.get("/api/v1/groups").body();
        long seqBefore = api.get("/api/v1/events").json().get("lastSeq").asLong();

        Answer answer = hostile.send().apply(this);

        assertThat(answer.status()).as(answer.body()).isEqualTo(hostile.status());
        assertThat(answer.contentType()).startsWith("application/problem+json").doesNotContain("charset=ISO");
        JsonNode problem = answer.problem();
        assertThat(problem.get("type").asString()).isEqualTo(PREFIX + hostile.type());
        assertThat(problem.get("status").asInt()).isEqualTo(hostile.status());
        assertThat(problem.get("title").asString()).isNotBlank();
        assertThat(problem.get("instance").asString()).startsWith("/").doesNotStartWith("/error");
        assertThat(problem.get("detail").asString()).contains(hostile.detailPart());
        assertThat(answer.body()).doesNotContain("Exception", "\tat ", "tools.jackson", "com.fasterxml", "Jackson", "`", "io.covey.");
        assertThat(api.get("/api/v1/groups").body()).isEqualTo(groupsBefore);
        assertThat(api.get("/api/v1/events").json().get("lastSeq").asLong()).isEqualTo(seqBefore);
    }

    static Stream<Hostile> battery() {
        List<Hostile> cases = new ArrayList<>();
        // bodies
        cases.add(put("malformed JSON", "{\"workers\":[{\"type\":", 400, "invalid-json", "not valid JSON"));
        cases.add(put("an empty body", "", 400, "invalid-json", "needs a JSON body"));
        cases.add(put("a body that is an array", "[]", 400, "invalid-json", "must be a JSON object"));
        cases.add(put("a body that is a string", "\"workers\"", 400, "invalid-json", "must be a JSON object"));
        cases.add(put("an unknown top-level field", "{\"wokers\":[]}", 400, "invalid-json", "'wokers' is not a known field"));
        cases.add(put("workers that is no list", "{\"workers\":{}}", 400, "invalid-json", "\"workers\" list"));
        cases.add(put("a null worker spec", "{\"workers\":[null]}", 400, "invalid-request", "workers[0] must be a worker spec object"));
        cases.add(put("a number as worker spec", "{\"workers\":[{\"type\":\"ServiceWorker\",\"params\":{\"name\":\"a\"}},7]}", 400,
                "invalid-request", "workers[1] must be a worker spec object"));
        cases.add(put("a spec without a type", "{\"workers\":[{\"params\":{}}]}", 400, "invalid-request", "workers[0]: a worker spec needs a \"type\""));
        cases.add(put("an unknown worker type", spec("\"type\":\"Nope\""), 400, "unknown-worker-type", "declared types: ChattyJob"));
        cases.add(put("a JDK class as worker type", spec("\"type\":\"java.lang.Runtime\""), 400, "unknown-worker-type", "is not declared"));
        cases.add(put("params of the wrong type", spec("\"type\":\"CountdownJob\",\"params\":{\"from\":\"ten\"}"), 400, "invalid-params",
                "'from' must be a whole number, was \"ten\""));
        cases.add(put("a required param missing", spec("\"type\":\"CountdownJob\",\"params\":{}"), 400, "invalid-params", "'from' is required"));
        cases.add(put("an unknown param", spec("\"type\":\"CountdownJob\",\"params\":{\"from\":1,\"form\":2}"), 400, "invalid-params",
                "'form' is not a known field"));
        cases.add(put("params that are no object", spec("\"type\":\"CountdownJob\",\"params\":[1]"), 400, "invalid-params", "CountdownJob"));
        cases.add(put("an unknown restart policy", spec("\"type\":\"CountdownJob\",\"params\":{\"from\":1},\"options\":{\"restart\":\"sometimes\"}"),
                400, "invalid-request", "use on-crash, always or never"));
        cases.add(put("a duration that is none", spec("\"type\":\"CountdownJob\",\"params\":{\"from\":1},\"options\":{\"stopTimeout\":\"soon\"}"),
                400, "invalid-request", "'soon' is not a duration"));
        cases.add(put("an unknown option", spec("\"type\":\"CountdownJob\",\"params\":{\"from\":1},\"options\":{\"retsart\":\"never\"}"),
                400, "invalid-request", "'options.retsart' is not a known field"));
        cases.add(put("nesting 2000 deep", "{\"workers\":[{\"type\":\"ServiceWorker\",\"params\":{\"name\":" + "[".repeat(2000)
                + "]".repeat(2000) + "}}]}", 400, "invalid-json", "nests deeper than the limit"));
        cases.add(put("a body over the size limit", "{\"workers\":[],\"pad\":\"" + "x".repeat(70_000) + "\"}", 413, "body-too-large",
                "larger than the limit of 65536 bytes"));
        cases.add(put("the same id twice", "{\"workers\":[" + worker("twin") + "," + worker("twin") + "]}", 400, "invalid-request",
                "declared twice"));
        cases.add(put("more workers than a group may have", "{\"workers\":[" + String.join(",",
                java.util.stream.IntStream.range(0, 257).mapToObj(i -> worker("w" + i)).toList()) + "]}", 400, "limit-exceeded", "at most 256"));
        cases.add(put("a worker id another group holds", "{\"workers\":[" + worker("kept") + "]}", 409, "conflict", "kept"));
        cases.add(send("a text/plain body", t -> t.api.builder("/api/v1/groups/g").PUT(HttpRequest.BodyPublishers.ofString(
                "{\"workers\":[]}")).header("Content-Type", "text/plain"), 415, "unsupported-media-type", "must be application/json"));
        cases.add(send("a form body", t -> t.api.builder("/api/v1/groups/keep/workers").POST(HttpRequest.BodyPublishers.ofString(
                "workers=x")).header("Content-Type", "application/x-www-form-urlencoded"), 415, "unsupported-media-type", "application/json"));
        cases.add(send("a body without a content type", t -> t.api.builder("/api/v1/groups/g").PUT(HttpRequest.BodyPublishers.ofString(
                "{\"workers\":[]}")), 415, "unsupported-media-type", "without a Content-Type"));
        // names and ids
        cases.add(put("a group name with a space", "/api/v1/groups/bad%20name", "{\"workers\":[]}", 400, "invalid-name", "is not valid"));
        cases.add(put("a 10,000 character group name", "/api/v1/groups/" + "x".repeat(10_000), "{\"workers\":[]}", 400, "invalid-name",
                "is not valid: it must match"));
        cases.add(put("an encoded slash in a group name", "/api/v1/groups/..%2Fx", "{\"workers\":[]}", 400, "malformed-request", "malformed"));
        cases.add(put("a NUL in a group name", "/api/v1/groups/a%00b", "{\"workers\":[]}", 400, "malformed-request", "malformed"));
        cases.add(put("an invalid explicit worker id", spec("\"type\":\"ServiceWorker\",\"id\":\"a b\",\"params\":{\"name\":\"a\"}"), 400,
                "invalid-name", "worker id 'a b' is not valid"));
        cases.add(get("an unknown group", "/api/v1/groups/ghost", 404, "not-found", "no group named 'ghost'"));
        cases.add(get("an unknown worker", "/api/v1/workers/ghost", 404, "not-found", "no worker with id 'ghost'"));
        cases.add(send("removing a worker of an unknown group", t -> t.api.builder("/api/v1/groups/ghost/workers/kept").DELETE(), 404,
                "not-found", "ghost"));
        cases.add(send("restarting an unknown worker", t -> t.api.builder("/api/v1/workers/ghost/restart")
                .POST(HttpRequest.BodyPublishers.noBody()), 404, "not-found", "ghost"));
        // instances and scaling
        cases.add(put("a spec with no instances", spec("\"type\":\"ServiceWorker\",\"params\":{\"name\":\"a\"},\"instances\":0"), 400,
                "invalid-request", "instances must be at least 1"));
        cases.add(put("more instances than a group may hold", spec("\"type\":\"ServiceWorker\",\"params\":{\"name\":\"a\"},"
                + "\"instances\":2147483647"), 400, "limit-exceeded", "each instance counts"));
        cases.add(put("an unknown update strategy", spec("\"type\":\"ServiceWorker\",\"params\":{\"name\":\"a\"},\"update\":\"blue-green\""),
                400, "invalid-request", "use recreate or rolling"));
        cases.add(post("scaling to no instances", "/api/v1/workers/kept/scale", "{\"instances\":0}", 400, "invalid-request", "at least 1"));
        cases.add(post("scaling by a string", "/api/v1/workers/kept/scale", "{\"instances\":\"3\"}", 400, "invalid-json", "a whole number"));
        cases.add(post("scaling with an unknown field", "/api/v1/workers/kept/scale", "{\"replicas\":3}", 400, "invalid-json",
                "'replicas' is not a known field"));
        cases.add(post("scaling beyond the group limit", "/api/v1/workers/kept/scale", "{\"instances\":100000}", 400, "limit-exceeded",
                "at most 256"));
        cases.add(post("scaling an unknown worker", "/api/v1/workers/ghost/scale", "{\"instances\":2}", 404, "not-found", "ghost"));
        // query strings
        cases.add(get("a tail that is no number", "/api/v1/workers/kept/logs?tail=abc", 400, "invalid-query", "'tail' must be a whole number"));
        cases.add(get("a negative tail", "/api/v1/workers/kept/logs?tail=-1", 400, "invalid-query", "between 0 and 2000"));
        cases.add(get("a huge tail", "/api/v1/workers/kept/logs?tail=99999999", 400, "invalid-query", "between 0 and 2000"));
        // methods, routes, headers
        cases.add(send("a method the route does not take", t -> t.api.builder("/api/v1/groups/keep")
                .method("PATCH", HttpRequest.BodyPublishers.noBody()), 405, "method-not-allowed", "Method"));
        cases.add(get("an unknown route", "/api/v1/nowhere", 404, "no-such-route", "/api/v1/nowhere"));
        cases.add(send("a PUT from another origin", t -> t.api.builder("/api/v1/groups/g").PUT(HttpRequest.BodyPublishers.ofString(
                "{\"workers\":[]}")).header("Content-Type", "application/json").header("Origin", "http://evil.example"), 403,
                "forbidden-origin", "origin 'http://evil.example'"));
        cases.add(send("a cross-site DELETE", t -> t.api.builder("/api/v1/groups/keep").DELETE().header("Sec-Fetch-Site", "cross-site")
                .header("Origin", "http://127.0.0.1:1"), 403, "forbidden-origin", "are refused"));
        cases.add(send("a stop from an opaque origin", t -> t.api.builder("/api/v1/groups/keep/stop")
                .POST(HttpRequest.BodyPublishers.noBody()).header("Origin", "null"), 403, "forbidden-origin", "origin 'null'"));
        cases.add(raw("a rebound host name", t -> "GET /api/v1/groups HTTP/1.1\r\nHost: evil.example:" + t.port
                + "\r\nConnection: close\r\n\r\n", 403, "forbidden-origin", "answers only to loopback names"));
        // WebSocket queries
        cases.add(ws("an event stream since that is no number", "since=abc", null, 400, "invalid-query", "since must be an event seq"));
        cases.add(ws("an event stream since below zero", "since=-5", null, 400, "invalid-query", "must not be negative"));
        cases.add(ws("an unknown event type", "types=lifecycle,bogus", null, 400, "invalid-query", "event type 'bogus' is unknown"));
        cases.add(ws("an event stream from another origin", "", "http://evil.example", 403, "forbidden-origin", "evil.example"));
        return cases.stream();
    }

    private static String worker(String id) {
        return "{\"type\":\"ServiceWorker\",\"id\":\"" + id + "\",\"params\":{\"name\":\"" + id + "\"}}";
    }

    private static String spec(String members) {
        return "{\"workers\":[{" + members + "}]}";
    }

    private static Hostile put(String name, String body, int status, String type, String detail) {
        return put(name, "/api/v1/groups/hostile", body, status, type, detail);
    }

    private static Hostile put(String name, String path, String body, int status, String type, String detail) {
        return send(name, t -> t.api.builder(path).PUT(HttpRequest.BodyPublishers.ofString(body)).header("Content-Type", "application/json"),
                status, type, detail);
    }

    private static Hostile post(String name, String path, String body, int status, String type, String detail) {
        return send(name, t -> t.api.builder(path).POST(HttpRequest.BodyPublishers.ofString(body)).header("Content-Type", "application/json"),
                status, type, detail);
    }

    private static Hostile get(String name, String path, int status, String type, String detail) {
        return send(name, t -> t.api.builder(path).GET(), status, type, detail);
    }

    private static Hostile send(String name, Function<HostHostileInputTest, HttpRequest.Builder> request, int status, String type, String detail) {
        return new Hostile(name, t -> {
            HttpJson.Response response = t.api.send(request.apply(t));
            return new Answer(response.status(), response.contentType(), response.json(), response.body());
        }, status, type, detail);
    }

    private static Hostile raw(String name, Function<HostHostileInputTest, String> request, int status, String type, String detail) {
        return new Hostile(name, t -> answer(() -> RawHttp.exchange(t.port, request.apply(t))), status, type, detail);
    }

    private static Hostile ws(String name, String query, String origin, int status, String type, String detail) {
        return new Hostile(name, t -> answer(() -> RawHttp.webSocketHandshake(t.port, query, origin)), status, type, detail);
    }

    private interface RawCall {
        RawHttp.Answer call() throws java.io.IOException;
    }

    private static Answer answer(RawCall call) {
        try {
            RawHttp.Answer answer = call.call();
            return new Answer(answer.status(), answer.headers().getOrDefault("content-type", ""), answer.json(), answer.body());
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
