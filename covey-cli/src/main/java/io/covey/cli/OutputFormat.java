package io.covey.cli;

import io.covey.core.json.CoveyJson;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectWriter;
import tools.jackson.dataformat.yaml.YAMLMapper;
import tools.jackson.dataformat.yaml.YAMLWriteFeature;

/** {@code -o}: a table for people, JSON or YAML for scripts (the host's own documents). */
public enum OutputFormat {
    TABLE, JSON, YAML;

    private static final class Writers {
        static final ObjectWriter JSON = CoveyJson.mapper().writerWithDefaultPrettyPrinter();
        static final ObjectWriter YAML = YAMLMapper.builder().enable(YAMLWriteFeature.MINIMIZE_QUOTES)
                .disable(YAMLWriteFeature.WRITE_DOC_START_MARKER).build().writer();
    }

    /** The document as this format writes it; a table is the caller's, so TABLE writes JSON. */
    public String write(Object document) {
        if (this == YAML) {
            return Writers.YAML.writeValueAsString(document).stripTrailing();
        }
        return Writers.JSON.writeValueAsString(document);
    }

    /** One JSON document per line, for streams (events -f -o json). */
    public static String jsonLine(JsonNode node) {
        return CoveyJson.mapper().writeValueAsString(node);
    }
}
