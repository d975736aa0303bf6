package io.covey.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

import io.covey.core.worker.CoveyWorker;

/** covey-core is the vocabulary every side shares, child JVMs included: it must not pull in Spring. */
class CoreHasNoSpringTest {

    @Test
    void springIsNotOnCoresClassPath() {
        assertThatThrownBy(() -> Class.forName("org.springframework.core.SpringVersion"))
                .isInstanceOf(ClassNotFoundException.class);
        assertThatThrownBy(() -> Class.forName("org.springframework.context.ApplicationContext"))
                .isInstanceOf(ClassNotFoundException.class);
    }

    @Test
    void noCompiledCoreClassReferencesSpring() throws Exception {
        Path classes = Paths.get(CoveyWorker.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        List<Path> classFiles;
        try (Stream<Path> files = Files.walk(classes)) {
            classFiles = files.filter(p -> p.toString().endsWith(".class")).toList();
        }
        assertThat(classFiles).hasSizeGreaterThan(20);
        List<Path> offenders = classFiles.stream().filter(CoreHasNoSpringTest::mentionsSpring).toList();
        assertThat(offenders).isEmpty();
    }

    private static boolean mentionsSpring(Path classFile) {
        try {
            String constantPool = new String(Files.readAllBytes(classFile), StandardCharsets.ISO_8859_1);
            return constantPool.contains("org/springframework");
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
