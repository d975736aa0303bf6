package io.covey.core.json;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

import tools.jackson.core.JacksonException;

/** What a sender of bad JSON is told: the field, the JSON type it must be, where; never a Java class or a parser setting. */
class JsonErrorsTest {
    record Inner(int from) {
    }

    record Outer(List<Inner> items, String name) {
    }

    @Test
    void namesTheFieldAndTheJsonTypeItMustBe() {
        assertThat(describe("{\"items\":[{\"from\":\"ten\"}]}")).isEqualTo("'items[0].from' must be a whole number, was \"ten\"");
        assertThat(describe("{\"items\":[{}]}")).isEqualTo("'items[0].from' is required (a whole number)");
        assertThat(describe("{\"name\":{}}")).isEqualTo("'name' must be a string");
        assertThat(describe("{\"items\":{}}")).isEqualTo("'items' must be an array");
        assertThat(describe("{\"nam\":\"x\"}")).isEqualTo("'nam' is not a known field (known fields there: items, name)");
    }

    @Test
    void brokenTextSaysWhere() {
        assertThat(describe("{\"name\":")).startsWith("the JSON ends too early at line 1");
        assertThat(describe("{\"name\" \"x\"}")).isEqualTo("the text is not valid JSON at line 1, column 9");
    }

    @Test
    void noJavaOrJacksonWordsInAnyOfThem() {
        for (String json : List.of("{\"items\":[{\"from\":\"ten\"}]}", "{\"items\":[{}]}", "{\"name\":{}}", "[1]", "{\"name\":", "nul")) {
            assertThat(describe(json)).doesNotContain("java", "Jackson", "`", "DeserializationFeature", "token", "Source");
        }
    }

    private static String describe(String json) {
        try {
            CoveyJson.mapper().readValue(json, Outer.class);
            throw new AssertionError("read " + json);
        } catch (JacksonException e) {
            return JsonErrors.describe(e);
        }
    }
}
