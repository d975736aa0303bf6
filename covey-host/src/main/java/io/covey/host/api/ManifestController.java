package io.covey.host.api;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonProperty;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

import io.covey.core.manifest.CoveyManifest;
import io.covey.core.manifest.ParamsSchema;
import io.covey.core.manifest.WorkerType;
import tools.jackson.databind.JsonNode;

/**
 * {@code GET /api/v1/manifest}: the declared worker types, and for each the JSON Schema of its
 * params (derived from its params record), so a client can tell what a type takes before it asks.
 */
@RestController
public class ManifestController {
    /**
     * The manifest as served: type names in order, each one's params schema, and the types that
     * cannot run here with the reason (a class that did not load).
     */
    public record ManifestResponse(List<String> types, Map<String, JsonNode> params, List<Unavailable> unavailable) {
    }

    public record Unavailable(String type, @JsonProperty("class") String className, String reason) {
    }

    private final ManifestResponse response;

    public ManifestController(CoveyManifest manifest) {
        Map<String, JsonNode> params = new LinkedHashMap<>();
        for (WorkerType type : manifest.types()) {
            params.put(type.name(), ParamsSchema.of(type));
        }
        this.response = new ManifestResponse(manifest.typeNames(), params, manifest.unavailable().stream()
                .map(type -> new Unavailable(type.name(), type.className(), type.reason())).toList());
    }

    @GetMapping("/api/v1/manifest")
    public ManifestResponse manifest() {
        return response;
    }
}
