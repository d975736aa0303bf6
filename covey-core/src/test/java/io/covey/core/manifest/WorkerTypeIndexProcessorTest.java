package io.covey.core.manifest;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;


import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The processor as a user's build meets it: javac finds it on the class path (covey-core's
 * {@code META-INF/services}), with no option naming it.
 */
class WorkerTypeIndexProcessorTest {
    @TempDir
    Path temp;

    @Test
    void writesTheIndexOfTheAnnotatedWorkerClasses() throws Exception {
        Compilation compilation = compile(Map.of(
                "shop/Mailer.java", """
                        package shop;
                        import io.covey.core.worker.*;
                        @CoveyWorkerType("mailer")
                        public class Mailer extends CoveyWorker<Mailer.Params> {
                            public record Params(String to) { }
                            public Mailer(Params params) { super(params); }
                            @Override public void runWorker() { }
                            @CoveyWorkerType
                            public static class Nested extends CoveyWorker<Void> {
                                public Nested() { super(null); }
                                @Override public void runWorker() { }
                            }
                        }
                        """,
                "shop/Plain.java", """
                        package shop;
                        public class Plain extends io.covey.core.worker.CoveyWorker<Void> {
                            public Plain() { super(null); }
                            @Override public void runWorker() { }
                        }
                        """));

        assertThat(compilation.succeeded()).as(compilation.diagnostics).isTrue();
        assertThat(compilation.index()).containsExactly(
                new WorkerTypeIndex.Entry("Nested", "shop.Mailer$Nested"),
                new WorkerTypeIndex.Entry("mailer", "shop.Mailer"));
    }

    @Test
    void aBuildWithoutWorkerTypesWritesNoIndex() throws Exception {
        Compilation compilation = compile(Map.of("a/A.java", "package a; public class A { }"));

        assertThat(compilation.succeeded()).as(compilation.diagnostics).isTrue();
        assertThat(compilation.output.resolve(WorkerTypeIndex.RESOURCE)).doesNotExist();
    }

    @Test
    void refusesWhatTheHostCouldNotRun() throws Exception {
        Compilation compilation = compile(Map.of(
                "a/NotAWorker.java", "package a; @io.covey.core.worker.CoveyWorkerType public class NotAWorker { }",
                "a/Abstract.java", """
                        package a;
                        @io.covey.core.worker.CoveyWorkerType
                        public abstract class Abstract extends io.covey.core.worker.CoveyWorker<Void> {
                            public Abstract() { super(null); }
                        }
                        """,
                "a/Hidden.java", """
                        package a;
                        @io.covey.core.worker.CoveyWorkerType
                        class Hidden extends io.covey.core.worker.CoveyWorker<Void> {
                            public Hidden() { super(null); }
                            @Override public void runWorker() { }
                        }
                        """,
                "a/TwoArgs.java", """
                        package a;
                        @io.covey.core.worker.CoveyWorkerType
                        public class TwoArgs extends io.covey.core.worker.CoveyWorker<String> {
                            public TwoArgs(String a, String b) { super(a); }
                            @Override public void runWorker() { }
                        }
                        """));

        assertThat(compilation.succeeded()).isFalse();
        assertThat(compilation.diagnostics)
                .contains("a.NotAWorker is annotated @CoveyWorkerType but does not extend io.covey.core.worker.CoveyWorker")
                .contains("worker type a.Abstract is abstract")
                .contains("worker type a.Hidden must be public")
                .contains("worker type a.TwoArgs needs a public constructor taking its params");
        assertThat(compilation.output.resolve(WorkerTypeIndex.RESOURCE)).doesNotExist();
    }

    @Test
    void refusesATypeNameTwiceOrAnInvalidOne() throws Exception {
        Compilation compilation = compile(Map.of(
                "a/One.java", worker("a", "One", "\"same\""),
                "b/Two.java", worker("b", "Two", "\"same\""),
                "c/Bad.java", worker("c", "Bad", "\"has space\"")));

        assertThat(compilation.succeeded()).isFalse();
        assertThat(compilation.diagnostics)
                .containsPattern("worker type name 'same' is declared twice: by (a.One and by b.Two|b.Two and by a.One)")
                .contains("worker type name 'has space' of c.Bad is not valid");
    }

    @Test
    void anIncrementalBuildKeepsTheEntriesOfClassesItDidNotCompile() throws Exception {
        Compilation first = compile(Map.of("a/One.java", worker("a", "One", "\"one\""), "a/Two.java", worker("a", "Two", "\"two\"")));
        assertThat(first.index()).hasSize(2);

        // Only Two changed: the IDE compiles Two alone, with the earlier output on the class path.
        Compilation second = compile(first.output, Map.of("a/Two.java", worker("a", "Two", "\"second\"")));

        assertThat(second.succeeded()).as(second.diagnostics).isTrue();
        assertThat(second.index()).containsExactly(
                new WorkerTypeIndex.Entry("one", "a.One"), new WorkerTypeIndex.Entry("second", "a.Two"));
    }

    private static String worker(String pkg, String name, String typeName) {
        return "package " + pkg + ";\n@io.covey.core.worker.CoveyWorkerType(" + typeName + ")\n"
                + "public class " + name + " extends io.covey.core.worker.CoveyWorker<Void> {\n"
                + "    public " + name + "() { super(null); }\n"
                + "    @Override public void runWorker() { }\n}\n";
    }

    private Compilation compile(Map<String, String> sources) throws IOException {
        return compile(Files.createTempDirectory(temp, "classes"), sources);
    }

    private Compilation compile(Path output, Map<String, String> sources) throws IOException {
        // From JDK 23 on javac runs class path processors only when asked (the docs say so); 17's accepts the option.
        Javac.Result result = Javac.compile(Files.createTempDirectory(temp, "src"), output, List.of("-proc:full"),
                List.of(output), sources);
        return new Compilation(result.succeeded(), output, result.diagnostics());
    }

    private record Compilation(boolean succeeded, Path output, String diagnostics) {
        List<WorkerTypeIndex.Entry> index() throws IOException {
            try (InputStream in = Files.newInputStream(output.resolve(WorkerTypeIndex.RESOURCE))) {
                return WorkerTypeIndex.read(in);
            }
        }
    }
}
