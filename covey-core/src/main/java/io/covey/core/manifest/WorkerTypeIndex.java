package io.covey.core.manifest;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import io.covey.core.api.CoveyException;
import io.covey.core.spec.CoveyNames;

/**
 * The index of a jar's worker types, {@value #RESOURCE}: one {@code <type name> <class name>}
 * line per {@link io.covey.core.worker.CoveyWorkerType @CoveyWorkerType} class, written at build
 * time by {@link WorkerTypeIndexProcessor}. A host reads it to find the types of a worker jar
 * without scanning packages, and can name a type whose class then fails to load.
 */
public final class WorkerTypeIndex {
    public static final String RESOURCE = "META-INF/covey/worker-types";
    static final String HEADER = "# Worker types of this jar: <type name> <class name>. Written by covey-core's annotation processor.";

    private WorkerTypeIndex() {
    }

    /** One line of the index. */
    public record Entry(String typeName, String className) {
        public Entry {
            CoveyNames.require("worker type", typeName);
            if (className == null || className.isBlank() || className.chars().anyMatch(Character::isWhitespace)) {
                throw new IllegalArgumentException("not a class name: '" + className + "'");
            }
        }

        String line() {
            return typeName + " " + className;
        }
    }

    /**
     * The entries of an index; blank lines and {@code #} comments are skipped.
     *
     * @throws IllegalArgumentException naming the line that is not {@code <type name> <class name>}
     */
    public static List<Entry> read(InputStream in) throws IOException {
        List<Entry> entries = new ArrayList<>();
        BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
        int number = 0;
        for (String line; (line = reader.readLine()) != null; ) {
            number++;
            String text = line.strip();
            if (text.isEmpty() || text.startsWith("#")) {
                continue;
            }
            String[] parts = text.split("\\s+");
            if (parts.length != 2) {
                throw new IllegalArgumentException("line " + number + " is not '<type name> <class name>': "
                        + CoveyNames.printable(text));
            }
            try {
                entries.add(new Entry(parts[0], parts[1]));
            } catch (IllegalArgumentException | CoveyException e) {
                throw new IllegalArgumentException("line " + number + ": " + e.getMessage(), e);
            }
        }
        return entries;
    }

    /** The index's text for these entries. */
    static String write(List<Entry> entries) {
        StringBuilder text = new StringBuilder(HEADER).append('\n');
        entries.forEach(entry -> text.append(entry.line()).append('\n'));
        return text.toString();
    }
}
