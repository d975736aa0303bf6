package io.covey.engine.boundaries;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

import io.covey.child.ChildMain;
import io.covey.core.boundaries.CompiledClasses;
import io.covey.engine.CoveyManager;
import io.covey.engine.foreign.ForeignWorkerLauncher;

/**
 * The engine is a plain library: an embedding (a CLI, a desktop app, a batch job) gets the manager
 * without a web server. Its class path in this module's tests is its dependency tree plus test
 * libraries, so Spring or Tomcat appearing there means a dependency brought them.
 */
class EngineBoundariesTest {
    private static final String[] HOST_STACK = {"org/springframework", "org/apache/catalina", "org/apache/tomcat",
            "io/micrometer", "jakarta/servlet"};

    @Test
    void neitherSpringNorTomcatIsOnTheEnginesClassPath() {
        for (String type : List.of("org.springframework.core.SpringVersion", "org.springframework.context.ApplicationContext",
                "org.apache.catalina.startup.Tomcat", "io.micrometer.core.instrument.MeterRegistry")) {
            assertThatThrownBy(() -> Class.forName(type)).as(type).isInstanceOf(ClassNotFoundException.class);
        }
        List<String> jars = Arrays.stream(System.getProperty("java.class.path").split(File.pathSeparator))
                .filter(entry -> entry.contains("spring") || entry.contains("tomcat")).toList();
        assertThat(jars).isEmpty();
    }

    @Test
    void noCompiledEngineOrChildRuntimeClassReferencesTheHostStack() {
        CompiledClasses engine = CompiledClasses.besides(CoveyManager.class);
        CompiledClasses child = CompiledClasses.besides(ChildMain.class);
        assertThat(engine.files()).hasSizeGreaterThan(40);
        assertThat(child.files()).hasSizeGreaterThan(5);
        assertThat(engine.mentioning(HOST_STACK)).isEmpty();
        assertThat(child.mentioning(HOST_STACK)).isEmpty();
    }

    @Test
    void theChildRuntimeKnowsNothingOfTheEngine() {
        assertThat(CompiledClasses.besides(ChildMain.class).mentioning("io/covey/engine", "io/covey/host"))
                .isEmpty();
    }

    /**
     * engine/foreign reads top-down: the launcher builds runs, the warm pool and the control server,
     * and nothing below calls back up. Between its classes (a nested class counts as its outer one)
     * the references form no cycle.
     */
    @Test
    void theForeignLauncherReadsTopDown() throws Exception {
        CompiledClasses foreign = CompiledClasses.besides(ForeignWorkerLauncher.class).inPackage("io/covey/engine/foreign");
        Pattern reference = Pattern.compile("io/covey/engine/foreign/([A-Za-z0-9_]+)");
        Map<String, Set<String>> uses = new TreeMap<>();
        for (Path file : foreign.files()) {
            String name = topLevel(file.getFileName().toString().replace(".class", ""));
            Set<String> used = uses.computeIfAbsent(name, n -> new TreeSet<>());
            Matcher matcher = reference.matcher(new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1));
            while (matcher.find()) {
                used.add(topLevel(matcher.group(1)));
            }
            used.remove(name);
        }
        assertThat(uses).containsKeys("ForeignWorkerLauncher", "ForeignRun", "ControlServer", "ControlSession", "WarmPool");
        assertThat(uses.get("ForeignRun")).doesNotContain("ForeignWorkerLauncher");
        List<String> cycles = new ArrayList<>();
        for (Map.Entry<String, Set<String>> entry : uses.entrySet()) {
            for (String used : entry.getValue()) {
                if (reaches(uses, used, entry.getKey(), new TreeSet<>())) {
                    cycles.add(entry.getKey() + " -> " + used);
                }
            }
        }
        assertThat(cycles).as("references that lead back to where they started").isEmpty();
    }

    private static String topLevel(String className) {
        int nested = className.indexOf('$');
        return nested < 0 ? className : className.substring(0, nested);
    }

    private static boolean reaches(Map<String, Set<String>> uses, String from, String to, Set<String> seen) {
        for (String next : uses.getOrDefault(from, Set.of())) {
            if (next.equals(to) || seen.add(next) && reaches(uses, next, to, seen)) {
                return true;
            }
        }
        return false;
    }
}
