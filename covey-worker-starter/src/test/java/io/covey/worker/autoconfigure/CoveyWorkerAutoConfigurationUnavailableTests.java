package io.covey.worker.autoconfigure;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.File;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import javax.tools.ToolProvider;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import io.covey.core.manifest.CoveyManifest;
import io.covey.core.worker.CoveyWorker;

/** A scanned worker class whose dependency is missing is listed unavailable; the context starts and the others work. */
class CoveyWorkerAutoConfigurationUnavailableTests {
    @TempDir
    Path temp;

    @Test
    void aScannedClassThatCannotLoadIsUnavailableWithTheReason() throws Exception {
        Path classes = compileWorkersWithoutTheirLibrary();
        try (URLClassLoader loader = new URLClassLoader(new URL[] {classes.toUri().toURL()}, getClass().getClassLoader())) {
            new ApplicationContextRunner(() -> new org.springframework.context.annotation.AnnotationConfigApplicationContext())
                    .withClassLoader(loader)
                    .withConfiguration(AutoConfigurations.of(CoveyWorkerAutoConfiguration.class))
                    .withPropertyValues("covey.worker.scan-packages=scanned")
                    .run(context -> {
                        assertThat(context).hasNotFailed();
                        CoveyManifest manifest = context.getBean(CoveyManifest.class);
                        assertThat(manifest.typeNames()).containsExactly("fine");
                        assertThat(manifest.unavailable()).singleElement().satisfies(type -> {
                            assertThat(type.name()).isEqualTo("needy");
                            assertThat(type.className()).isEqualTo("scanned.Needy");
                            assertThat(type.reason()).contains("scanned.Needy cannot load", "lib/Missing");
                        });
                    });
        }
    }

    /** scanned.Needy uses lib.Missing in a signature; lib.Missing is compiled, then left out of the class path. */
    private Path compileWorkersWithoutTheirLibrary() throws Exception {
        Path sources = Files.createDirectories(temp.resolve("src"));
        Path libraryClasses = Files.createDirectories(temp.resolve("lib-classes"));
        Path classes = Files.createDirectories(temp.resolve("classes"));
        write(sources, "lib/Missing.java", "package lib; public class Missing { }");
        compile(libraryClasses, "", sources.resolve("lib/Missing.java"));
        write(sources, "scanned/Needy.java", """
                package scanned;
                @io.covey.core.worker.CoveyWorkerType("needy")
                public class Needy extends io.covey.core.worker.CoveyWorker<Void> {
                    public Needy() { super(null); }
                    public lib.Missing missing() { return new lib.Missing(); }
                    @Override public void runWorker() { }
                }
                """);
        write(sources, "scanned/Fine.java", """
                package scanned;
                @io.covey.core.worker.CoveyWorkerType("fine")
                public class Fine extends io.covey.core.worker.CoveyWorker<Void> {
                    public Fine() { super(null); }
                    @Override public void runWorker() { }
                }
                """);
        compile(classes, libraryClasses.toString(), sources.resolve("scanned/Needy.java"), sources.resolve("scanned/Fine.java"));
        return classes;
    }

    private static void write(Path root, String path, String source) throws Exception {
        Files.createDirectories(root.resolve(path).getParent());
        Files.writeString(root.resolve(path), source);
    }

    private static void compile(Path output, String extraClassPath, Path... files) throws Exception {
        String core = Path.of(CoveyWorker.class.getProtectionDomain().getCodeSource().getLocation().toURI()).toString();
        List<String> arguments = new java.util.ArrayList<>(List.of("-proc:none", "-d", output.toString(), "-cp",
                core + File.pathSeparator + extraClassPath));
        for (Path file : files) {
            arguments.add(file.toString());
        }
        ByteArrayOutputStream errors = new ByteArrayOutputStream();
        int status = ToolProvider.getSystemJavaCompiler().run(null, errors, errors, arguments.toArray(String[]::new));
        assertThat(status).as(errors.toString(StandardCharsets.UTF_8)).isZero();
    }
}
