package io.covey.core.text;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.covey.core.json.CoveyJson;
import tools.jackson.databind.JsonNode;

class SafeTextTest {
    @Test
    void loneSurrogatesBecomeReplacementCharactersAndPairsStay() {
        assertThat(SafeText.of("a\uD800b")).isEqualTo("a\uFFFDb");
        assertThat(SafeText.of("a\uDC00")).isEqualTo("a\uFFFD");
        assertThat(SafeText.of("\uDBFF")).isEqualTo("\uFFFD");
        assertThat(SafeText.of("\uDC00\uD800")).isEqualTo("\uFFFD\uFFFD");
        assertThat(SafeText.of("\uD83D\uDE00 ok")).isEqualTo("\uD83D\uDE00 ok");
        assertThat(SafeText.of((String) null)).isNull();
    }

    @Test
    void controlCharactersAreKeptForJsonToEscape() {
        String text = "nul \u0000 esc \u001B[31m cr \r bell \u0007";
        assertThat(SafeText.of(text)).isSameAs(text);
        assertThat(CoveyJson.write(Map.of("k", text))).contains("\\u0000", "\\u001B", "\\r", "\\u0007");
    }

    @Test
    void utf8NeverWritesAQuestionMarkForALoneSurrogate() {
        assertThat(new String(SafeText.utf8("x\uD800y"), StandardCharsets.UTF_8)).isEqualTo("x\uFFFDy");
    }

    @Test
    void treesAreFixedInKeysAndValuesAndCleanTreesAreReturnedAsTheyAre() {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("key\u0000\uD800", 1);
        data.put("list", List.of("\uDC00", Map.of("\uDBFF", "v\uD800")));
        JsonNode fixed = SafeText.of(CoveyJson.toTree(data));
        assertThat(fixed.has("key\u0000\uFFFD")).isTrue();
        assertThat(fixed.get("list").get(0).asString()).isEqualTo("\uFFFD");
        assertThat(fixed.get("list").get(1).get("\uFFFD").asString()).isEqualTo("v\uFFFD");
        JsonNode clean = CoveyJson.toTree(Map.of("a", List.of("b")));
        assertThat(SafeText.of(clean)).isSameAs(clean);
    }

    @Test
    void piecesNeverCutASurrogatePair() {
        String text = "a".repeat(9) + "\uD83D\uDE00" + "b".repeat(5);
        List<String> pieces = SafeText.pieces(text, 10);
        assertThat(pieces).containsExactly("a".repeat(9), "\uD83D\uDE00bbbbb");
        assertThat(String.join("", pieces)).isEqualTo(text);
        assertThat(pieces).allMatch(SafeText::isWellFormed);
        assertThat(SafeText.pieces("", 10)).containsExactly("");
    }
}
