package io.covey.docs;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

import io.covey.core.manifest.CoveyManifest;
import io.covey.core.spec.GroupsFile;
import io.covey.core.spec.GroupsFileFormat;
import io.covey.demo.workers.CountdownJob;
import io.covey.demo.workers.FlakyWorker;
import io.covey.demo.workers.StreamSerialPortToHttp;

/**
 * The Java in README.md and docs/*.md is compiled code: each {@code ```java} block sits under a
 * {@code <!-- snippet: path -->} line naming a source file of the build (this module's test
 * sources, or a module's own sources, as the README's countdown example is the demo's real
 * {@code CountdownJob}), and the block is that file's text from its imports on. The build
 * compiles the file, so a snippet that does not compile, or drifts from its source, fails here.
 * <p>
 * After changing a source, {@code mvn -pl covey-docs -am test -Dtest=DocSnippetsTest
 * -Dsurefire.failIfNoSpecifiedTests=false -Dcovey.docs.write=true} writes the blocks anew.
 */
class DocSnippetsTest {
    private static final Pattern MARKER = Pattern.compile("^<!-- snippet: (\\S+) -->$");
    private static final Pattern SOURCE = Pattern.compile("covey-[a-z-]+/src/(main|test)/java/.+\\.java");
    private static final Path REPOSITORY = Path.of(System.getProperty("covey.repository", "..")).toAbsolutePath().normalize();

    @Test
    void everyJavaSnippetIsTheTextOfACompiledSource() throws IOException {
        List<String> problems = new ArrayList<>();
        boolean write = Boolean.getBoolean("covey.docs.write");
        for (Path doc : documents()) {
            List<String> lines = Files.readAllLines(doc, StandardCharsets.UTF_8);
            List<String> rewritten = new ArrayList<>();
            for (int i = 0; i < lines.size(); i++) {
                String line = lines.get(i);
                rewritten.add(line);
                if (!line.strip().equals("```java")) {
                    continue;
                }
                String where = REPOSITORY.relativize(doc) + ":" + (i + 1);
                int end = i + 1;
                while (end < lines.size() && !lines.get(end).strip().equals("```")) {
                    end++;
                }
                List<String> block = lines.subList(i + 1, end);
                Matcher marker = i > 0 ? MARKER.matcher(lines.get(i - 1).strip()) : MARKER.matcher("");
                if (!marker.matches()) {
                    problems.add(where + ": a java snippet without <!-- snippet: <source file> --> on the line above it;"
                            + " keep its code in a compiled source (covey-docs/src/test/java) and name that file");
                    rewritten.addAll(block);
                } else {
                    List<String> expected = snippetOf(marker.group(1), where, problems);
                    if (expected != null && !expected.equals(block)) {
                        problems.add(where + ": the snippet differs from " + marker.group(1)
                                + firstDifference(block, expected) + " (-Dcovey.docs.write=true writes it anew)");
                    }
                    rewritten.addAll(write && expected != null ? expected : block);
                }
                if (end < lines.size()) {
                    rewritten.add(lines.get(end));
                }
                i = end;
            }
            if (write && !rewritten.equals(lines)) {
                Files.write(doc, rewritten, StandardCharsets.UTF_8);
            }
        }
        assertThat(problems).as("doc snippets").isEmpty();
    }

    @Test
    void theReadmesWorkerExampleIsTheDemosRealCountdownJob() throws IOException {
        assertThat(Files.readString(REPOSITORY.resolve("README.md")))
                .contains("<!-- snippet: covey-demo/src/main/java/io/covey/demo/workers/CountdownJob.java -->\n```java\n");
    }

    /** A groups file shown in the docs reads, and declares only the demo's types with params that fit them. */
    @Test
    void everyGroupsFileExampleIsOneTheDemoHostAccepts() throws IOException {
        CoveyManifest demo = CoveyManifest.of(CountdownJob.class, FlakyWorker.class, StreamSerialPortToHttp.class);
        int examples = 0;
        for (Path doc : documents()) {
            List<String> lines = Files.readAllLines(doc, StandardCharsets.UTF_8);
            for (int i = 0; i < lines.size(); i++) {
                String fence = lines.get(i).strip();
                if (!fence.equals("```yaml") && !fence.equals("```json")) {
                    continue;
                }
                int end = i + 1;
                while (end < lines.size() && !lines.get(end).strip().equals("```")) {
                    end++;
                }
                String text = String.join("\n", lines.subList(i + 1, end));
                if (text.startsWith("groups:") || text.startsWith("{\"groups\"")) {
                    GroupsFile file = GroupsFile.parse(text.getBytes(StandardCharsets.UTF_8),
                            fence.endsWith("yaml") ? GroupsFileFormat.YAML : GroupsFileFormat.JSON, REPOSITORY.relativize(doc) + ":" + (i + 1));
                    file.groups().forEach(group -> group.workers().forEach(spec -> demo.require(spec.type()).parseParams(spec.params())));
                    examples++;
                }
                i = end;
            }
        }
        assertThat(examples).as("groups file examples").isPositive();
    }

    @Test
    void thereAreSnippetsToCheck() throws IOException {
        long snippets = 0;
        for (Path doc : documents()) {
            snippets += Files.readAllLines(doc).stream().filter(line -> line.strip().equals("```java")).count();
        }
        assertThat(snippets).as("java snippets in README.md and docs/*.md").isGreaterThanOrEqualTo(7);
    }

    /** The file's text from after its package line, leading blank lines dropped: imports first. */
    private static List<String> snippetOf(String source, String where, List<String> problems) throws IOException {
        if (!SOURCE.matcher(source).matches()) {
            problems.add(where + ": " + source + " is not a Java source of a module (covey-*/src/main|test/java/...)");
            return null;
        }
        Path file = REPOSITORY.resolve(source);
        if (!Files.isRegularFile(file)) {
            problems.add(where + ": " + source + " does not exist");
            return null;
        }
        List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        int start = 0;
        while (start < lines.size() && !lines.get(start).startsWith("package ")) {
            start++;
        }
        start++;
        while (start < lines.size() && lines.get(start).isBlank()) {
            start++;
        }
        int end = lines.size();
        while (end > start && lines.get(end - 1).isBlank()) {
            end--;
        }
        return List.copyOf(lines.subList(start, end));
    }

    private static String firstDifference(List<String> actual, List<String> expected) {
        for (int i = 0; i < Math.max(actual.size(), expected.size()); i++) {
            String a = i < actual.size() ? actual.get(i) : "(end)";
            String e = i < expected.size() ? expected.get(i) : "(end)";
            if (!a.equals(e)) {
                return ": line " + (i + 1) + " of the snippet is \"" + a + "\", the source has \"" + e + "\"";
            }
        }
        return "";
    }

    private static List<Path> documents() throws IOException {
        List<Path> documents = new ArrayList<>(List.of(REPOSITORY.resolve("README.md")));
        try (Stream<Path> docs = Files.list(REPOSITORY.resolve("docs"))) {
            docs.filter(p -> p.getFileName().toString().endsWith(".md")).sorted().forEach(documents::add);
        }
        return documents;
    }
}
