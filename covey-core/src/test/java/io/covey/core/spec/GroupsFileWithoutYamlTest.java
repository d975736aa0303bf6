package io.covey.core.spec;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.annotation.JsonInclude;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.ObjectMapper;

/**
 * YAML support is an optional dependency of covey-core, left off a foreign child's class path:
 * without it, JSON groups files still read and a YAML one is refused with what to add.
 */
class GroupsFileWithoutYamlTest {

    @Test
    void jsonReadsAndYamlSaysWhatIsMissing() throws Exception {
        URL[] withoutYaml = {location(GroupsFile.class), location(ObjectMapper.class), location(JacksonException.class),
                location(JsonInclude.class)};
        try (URLClassLoader loader = new URLClassLoader(withoutYaml, ClassLoader.getPlatformClassLoader())) {
            assertThat(loader.getResource("tools/jackson/dataformat/yaml/YAMLMapper.class")).isNull();
            Class<?> format = loader.loadClass(GroupsFileFormat.class.getName());
            Method parse = loader.loadClass(GroupsFile.class.getName()).getMethod("parse", byte[].class, format, String.class);

            Object fromJson = parse.invoke(null, bytes("{\"groups\":{\"web\":{\"workers\":[{\"type\":\"Echo\"}]}}}"),
                    enumConstant(format, "JSON"), "groups.json");
            assertThat(fromJson.toString()).contains("web");

            Throwable refused = thrownBy(parse, bytes("groups:\n  web:\n    workers: []\n"), enumConstant(format, "YAML"));
            assertThat(refused.getClass().getName()).isEqualTo(GroupsFileException.class.getName());
            assertThat(refused).hasMessage("groups.yaml: reading YAML needs tools.jackson.dataformat:jackson-dataformat-yaml"
                    + " on the class path; add it, or write the file as JSON");
        }
    }

    private static Throwable thrownBy(Method parse, byte[] content, Object format) throws IllegalAccessException {
        try {
            parse.invoke(null, content, format, "groups.yaml");
            throw new AssertionError("YAML was read without the YAML module");
        } catch (InvocationTargetException e) {
            return e.getCause();
        }
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static Object enumConstant(Class<?> type, String name) {
        return Enum.valueOf((Class) type, name);
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private static URL location(Class<?> type) {
        return type.getProtectionDomain().getCodeSource().getLocation();
    }
}
