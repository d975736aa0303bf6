package io.covey.engine.boundaries;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.File;
import java.util.Arrays;
import java.util.List;

import org.junit.jupiter.api.Test;

import io.covey.child.ChildMain;
import io.covey.core.boundaries.CompiledClasses;
import io.covey.engine.CoveyManager;

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
}
