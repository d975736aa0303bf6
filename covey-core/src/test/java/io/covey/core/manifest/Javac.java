package io.covey.core.manifest;

import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import javax.tools.ToolProvider;

import io.covey.core.worker.CoveyWorker;

/** javac over sources written to a directory, with covey-core (classes and META-INF/services) on the class path. */
final class Javac {
    private Javac() {
    }

    record Result(boolean succeeded, Path output, String diagnostics) {
    }

    /**
     * @param options   extra javac options ({@code -proc:none}, say)
     * @param classPath more class path entries than covey-core's
     * @param sources   path in the source tree to source text
     */
    static Result compile(Path sourceRoot, Path output, List<String> options, List<Path> classPath, Map<String, String> sources)
            throws IOException {
        List<String> arguments = new ArrayList<>(options);
        StringBuilder path = new StringBuilder(coveyCore());
        classPath.forEach(entry -> path.append(File.pathSeparator).append(entry));
        arguments.addAll(List.of("-d", output.toString(), "-cp", path.toString()));
        for (Map.Entry<String, String> source : sources.entrySet()) {
            Path file = sourceRoot.resolve(source.getKey());
            Files.createDirectories(file.getParent());
            Files.writeString(file, source.getValue());
            arguments.add(file.toString());
        }
        Files.createDirectories(output);
        ByteArrayOutputStream diagnostics = new ByteArrayOutputStream();
        int status = ToolProvider.getSystemJavaCompiler().run(null, diagnostics, diagnostics, arguments.toArray(String[]::new));
        return new Result(status == 0, output, diagnostics.toString(StandardCharsets.UTF_8));
    }

    private static String coveyCore() {
        try {
            return Path.of(CoveyWorker.class.getProtectionDomain().getCodeSource().getLocation().toURI()).toString();
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }
}
