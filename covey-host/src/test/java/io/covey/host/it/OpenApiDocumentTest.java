package io.covey.host.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpRequest;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.mvc.method.RequestMappingInfo;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

import tools.jackson.databind.JsonNode;

/**
 * The OpenAPI description the host serves matches the routes it has: every route of the document
 * answers on the live host (no "no such route", no "method not allowed"), and every controller
 * route under /api/v1 is in the document. A route added without its description fails here.
 */
@SpringBootTest(classes = TestHostConfiguration.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = "covey.host.worker-defaults.foreign=false")
class OpenApiDocumentTest {
    private static final Set<String> METHODS = Set.of("get", "put", "post", "delete", "patch", "head", "options");

    @LocalServerPort
    int port;
    @Autowired
    @Qualifier("requestMappingHandlerMapping")
    RequestMappingHandlerMapping mappings;

    @Test
    void theDocumentIsServedAndIsOpenApi31WithBearerAndProblems() {
        HttpJson.Response served = new HttpJson(port, null).get("/api/v1/openapi.json");
        assertThat(served.status()).isEqualTo(200);
        JsonNode document = served.json();
        assertThat(document.get("openapi").asString()).isEqualTo("3.1.0");
        assertThat(document.at("/components/securitySchemes/bearer/scheme").asString()).isEqualTo("bearer");
        assertThat(document.at("/components/schemas/Problem/properties/type").isObject()).isTrue();
        assertThat(document.at("/components/schemas/WorkerSpec").isObject()).isTrue();
        assertThat(document.at("/components/schemas/WorkerStatus").isObject()).isTrue();
        List<String> refs = new ArrayList<>();
        collectRefs(document, refs);
        assertThat(refs).isNotEmpty().allSatisfy(ref -> assertThat(document.at(ref.substring(1)).isMissingNode()).as(ref).isFalse());
    }

    @Test
    void everyDocumentedRouteIsLiveAndEveryLiveRouteIsDocumented() {
        JsonNode document = new HttpJson(port, null).get("/api/v1/openapi.json").json();
        Set<String> documented = new TreeSet<>();
        for (Map.Entry<String, JsonNode> path : document.get("paths").properties()) {
            for (String method : path.getValue().propertyNames()) {
                if (METHODS.contains(method)) {
                    documented.add(method.toUpperCase(Locale.ROOT) + " " + path.getKey());
                }
            }
        }
        Set<String> live = new TreeSet<>();
        for (Map.Entry<RequestMappingInfo, HandlerMethod> mapping : mappings.getHandlerMethods().entrySet()) {
            for (String pattern : mapping.getKey().getPatternValues()) {
                if (pattern.startsWith("/api/v1")) {
                    mapping.getKey().getMethodsCondition().getMethods().forEach(method -> live.add(method.name() + " " + pattern));
                }
            }
        }
        assertThat(documented).isEqualTo(live);

        HttpJson api = new HttpJson(port, null);
        for (String route : documented) {
            String method = route.substring(0, route.indexOf(' '));
            String path = route.substring(route.indexOf(' ') + 1).replace("{name}", "doc-probe").replace("{id}", "doc-probe");
            HttpRequest.Builder request = api.builder(path).method(method, method.equals("PUT") || method.equals("POST")
                    ? HttpRequest.BodyPublishers.ofString("{\"workers\":[]}") : HttpRequest.BodyPublishers.noBody());
            if (method.equals("PUT") || method.equals("POST")) {
                request.header("Content-Type", "application/json");
            }
            HttpJson.Response response = api.send(request);
            String type = response.contentType().startsWith("application/problem+json") ? response.json().get("type").asString() : "";
            assertThat(type).as(route + " -> " + response.status() + " " + response.body())
                    .isNotIn("urn:covey:problem:no-such-route", "urn:covey:problem:method-not-allowed");
            assertThat(response.status()).as(route).isLessThan(500);
        }
        api.delete("/api/v1/groups/doc-probe");
    }

    private static void collectRefs(JsonNode node, List<String> refs) {
        if (node.isObject()) {
            JsonNode ref = node.get("$ref");
            if (ref != null && ref.isString()) {
                refs.add(ref.asString());
            }
            node.values().forEach(child -> collectRefs(child, refs));
        } else if (node.isArray()) {
            node.forEach(child -> collectRefs(child, refs));
        }
    }

}
