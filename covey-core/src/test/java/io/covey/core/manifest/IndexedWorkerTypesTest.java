package io.covey.core.manifest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.covey.core.api.InvalidSpecException;
import io.covey.core.api.UnknownWorkerTypeException;
import io.covey.core.api.WorkerTypeUnavailableException;
import io.covey.core.worker.CoveyWorker;

/** A type whose class cannot load is listed unavailable with the reason; the others work. */
class IndexedWorkerTypesTest {
    @TempDir
    Path temp;
    private Path workers;
    private Path library;

    /** A worker that needs a library class in a signature and a catch clause, as the serial worker needs jSerialComm. */
    @BeforeEach
    void compileAWorkerAndItsLibraryApart() throws Exception {
        library = compile("lib", "lib/Port.java", "package lib; public class Port { public static Port open() { return new Port(); } }",
                "lib/PortException.java", "package lib; public class PortException extends RuntimeException { }");
        workers = compile("workers", "w/Serial.java", """
                package w;
                public class Serial extends io.covey.core.worker.CoveyWorker<Void> {
                    public Serial() { super(null); }
                    private lib.Port open() { try { return lib.Port.open(); } catch (lib.PortException e) { return null; } }
                    @Override public void runWorker() { open(); }
                }
                """, "w/Plain.java", """
                package w;
                public class Plain extends io.covey.core.worker.CoveyWorker<Void> {
                    public Plain() { super(null); }
                    @Override public void runWorker() { }
                }
                """);
    }

    @Test
    void aClassWhoseDependencyIsMissingIsUnavailableNamingIt() throws Exception {
        try (URLClassLoader loader = loader(workers)) {
            CoveyManifest.Builder builder = CoveyManifest.builder();
            assertThat(builder.addIndexed(new WorkerTypeIndex.Entry("Plain", "w.Plain"), loader, "workers.jar")).isEmpty();
            assertThat(builder.addIndexed(new WorkerTypeIndex.Entry("Serial", "w.Serial"), loader, "workers.jar")).isPresent();
            CoveyManifest manifest = builder.build();

            assertThat(manifest.typeNames()).containsExactly("Plain");
            assertThat(manifest.unavailable()).singleElement().satisfies(type -> {
                assertThat(type.name()).isEqualTo("Serial");
                assertThat(type.className()).isEqualTo("w.Serial");
                assertThat(type.reason()).isEqualTo("its class w.Serial (in workers.jar) needs lib.PortException, which is not on the"
                        + " class path: put the jar that holds it beside the worker jar");
            });
            assertThatThrownBy(() -> manifest.require("Serial"))
                    .isInstanceOf(WorkerTypeUnavailableException.class).isInstanceOf(InvalidSpecException.class)
                    .hasMessageContaining("worker type 'Serial' is unavailable").hasMessageContaining("lib.Port");
            assertThatThrownBy(() -> manifest.require("Nope")).isInstanceOf(UnknownWorkerTypeException.class)
                    .hasMessageContaining("declared types: Plain");
        }
    }

    @Test
    void withTheDependencyThereTheTypeRuns() throws Exception {
        try (URLClassLoader loader = loader(workers, library)) {
            CoveyManifest.Builder builder = CoveyManifest.builder();
            assertThat(builder.addIndexed(new WorkerTypeIndex.Entry("Serial", "w.Serial"), loader, "workers.jar")).isEmpty();

            assertThat(builder.build().require("Serial").workerClass().getName()).isEqualTo("w.Serial");
        }
    }

    @Test
    void anIndexThatNamesAMissingClassOrAnotherTypeNameSaysSo() throws Exception {
        try (URLClassLoader loader = loader(workers, library)) {
            CoveyManifest.Builder builder = CoveyManifest.builder();
            builder.addIndexed(new WorkerTypeIndex.Entry("Gone", "w.Gone"), loader, "old.jar");
            builder.addIndexed(new WorkerTypeIndex.Entry("Renamed", "w.Plain"), loader, "old.jar");

            assertThat(builder.build().unavailable()).extracting(UnavailableWorkerType::reason).containsExactly(
                    "its class w.Gone is not there (the index of old.jar names it)",
                    "the index of old.jar names it, but its class w.Plain now declares type 'Plain': the jar's index is stale, rebuild it");
        }
    }

    @Test
    void aTypeThatRunsWinsOverAnUnavailableOneOfTheSameName() throws Exception {
        try (URLClassLoader broken = loader(workers); URLClassLoader whole = loader(workers, library)) {
            CoveyManifest.Builder builder = CoveyManifest.builder();
            builder.addIndexed(new WorkerTypeIndex.Entry("Serial", "w.Serial"), broken, "a.jar");
            builder.addIndexed(new WorkerTypeIndex.Entry("Serial", "w.Serial"), whole, "b.jar");

            CoveyManifest manifest = builder.build();
            assertThat(manifest.typeNames()).containsExactly("Serial");
            assertThat(manifest.unavailable()).isEmpty();
        }
    }

    private URLClassLoader loader(Path... directories) throws Exception {
        List<URL> urls = new ArrayList<>();
        for (Path directory : directories) {
            urls.add(directory.toUri().toURL());
        }
        return new URLClassLoader(urls.toArray(URL[]::new), CoveyWorker.class.getClassLoader());
    }

    private Path compile(String name, String... pathsAndSources) throws Exception {
        Map<String, String> sources = new LinkedHashMap<>();
        for (int i = 0; i < pathsAndSources.length; i += 2) {
            sources.put(pathsAndSources[i], pathsAndSources[i + 1]);
        }
        Javac.Result result = Javac.compile(temp.resolve(name + "-src"), temp.resolve(name), List.of("-proc:none"),
                library == null ? List.of() : List.of(library), sources);
        assertThat(result.succeeded()).as(result.diagnostics()).isTrue();
        return result.output();
    }
}
