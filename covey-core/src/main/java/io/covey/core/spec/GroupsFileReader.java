package io.covey.core.spec;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import io.covey.core.api.CoveyException;
import io.covey.core.json.CoveyJson;
import tools.jackson.core.JacksonException;
import tools.jackson.core.StreamReadFeature;
import tools.jackson.databind.DatabindException;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.exc.MismatchedInputException;
import tools.jackson.databind.exc.UnrecognizedPropertyException;
import tools.jackson.databind.json.JsonMapper;

/**
 * Reads a {@link GroupsFile} and checks all of it before anyone acts on it: the shape, unknown
 * fields (a typo is an error, not a silently ignored line), names listed twice, every worker
 * spec, and worker ids that would collide within or across groups. Every error is a
 * {@link GroupsFileException} that names the file, the group and the worker's index.
 */
public final class GroupsFileReader {
    /** Instances beyond this are not expanded to check their ids: no host's limits would take them. */
    private static final int MAX_INSTANCES_CHECKED = 100_000;

    /** Larger files are refused unread: a host holds at most a few thousand workers. */
    public static final int MAX_BYTES = 2 * 1024 * 1024;

    private static final ObjectMapper JSON = CoveyJson.configure(JsonMapper.builder())
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .build();

    private GroupsFileReader() {
    }

    /** The file at {@code file}, its format told by its name or else by its content. */
    public static GroupsFile read(Path file) {
        String source = file.toString();
        byte[] content;
        try {
            if (Files.isDirectory(file)) {
                throw new GroupsFileException(source, "", "is a directory, not a groups file");
            }
            long size = Files.size(file);
            if (size > MAX_BYTES) {
                throw tooLarge(source, size);
            }
            content = Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            throw new GroupsFileException(source, "", "no such file");
        } catch (IOException e) {
            throw new GroupsFileException(source, "", "cannot be read: " + e.getMessage());
        }
        return parse(content, GroupsFileFormat.detect(file.getFileName() == null ? "" : file.getFileName().toString(), content),
                source);
    }

    /** A document in {@code format}; {@code source} names it in error messages (a file name, "standard input"). */
    public static GroupsFile parse(byte[] content, GroupsFileFormat format, String source) {
        if (content.length > MAX_BYTES) {
            throw tooLarge(source, content.length);
        }
        if (new String(content, java.nio.charset.StandardCharsets.UTF_8).isBlank()) {
            throw new GroupsFileException(source, "", "is empty; it needs {\"groups\":{\"<name>\":{\"workers\":[...]}}}");
        }
        Document document;
        try {
            document = mapper(format, source).readValue(content, Document.class);
        } catch (JacksonException e) {
            throw new GroupsFileException(source, path(e), describe(e, format) + line(e));
        }
        return check(document, source);
    }

    private static GroupsFile check(Document document, String source) {
        if (document == null || document.groups() == null) {
            throw new GroupsFileException(source, "", "it needs a \"groups\" object, e.g. {\"groups\":{\"web\":{\"workers\":[...]}}}");
        }
        List<CoveyGroup> groups = new ArrayList<>();
        Map<String, String> declaredAt = new LinkedHashMap<>();
        for (Map.Entry<String, GroupBody> entry : document.groups().entrySet()) {
            String name = entry.getKey();
            String where = "groups." + CoveyNames.printable(name);
            if (!CoveyNames.isValid(name)) {
                throw new GroupsFileException(source, where, new InvalidNameException("group name", name).getMessage());
            }
            GroupBody body = entry.getValue();
            if (body == null || body.workers() == null) {
                throw new GroupsFileException(source, where, "the group needs a \"workers\" list (it may be empty)");
            }
            List<WorkerSpec> specs = body.workers();
            for (int i = 0; i < specs.size(); i++) {
                String at = where + ".workers[" + i + "]";
                WorkerSpec spec = specs.get(i);
                if (spec == null) {
                    throw new GroupsFileException(source, at, "is empty; a worker spec is an object with at least a \"type\"");
                }
                // Each instance's id counts; more instances than any host holds are left to its limits to refuse.
                for (String id : spec.instances() != null && spec.instances() > MAX_INSTANCES_CHECKED ? List.of(spec.effectiveId())
                        : spec.workerIds()) {
                    String earlier = declaredAt.putIfAbsent(id, at);
                    if (earlier != null) {
                        throw new GroupsFileException(source, at, "worker id '" + id + "' is already declared at "
                                + earlier + " (the same type with the same params, the same explicit id, or an instance"
                                + " id <id>-<n>); ids are unique across the host, so declare it once");
                    }
                }
            }
            groups.add(new CoveyGroup(name, specs));
        }
        return new GroupsFile(groups);
    }

    private static ObjectMapper mapper(GroupsFileFormat format, String source) {
        if (format == GroupsFileFormat.JSON) {
            return JSON;
        }
        try {
            return YamlMapperHolder.MAPPER;
        } catch (NoClassDefFoundError e) {
            throw new GroupsFileException(source, "", "reading YAML needs tools.jackson.dataformat:jackson-dataformat-yaml"
                    + " on the class path; add it, or write the file as JSON");
        }
    }

    /** Where the problem is: {@code groups.web.workers[1].options}, from Jackson's path. */
    private static String path(JacksonException e) {
        StringBuilder out = new StringBuilder();
        for (JacksonException.Reference ref : e.getPath()) {
            if (ref.getPropertyName() != null) {
                out.append(out.isEmpty() ? "" : ".").append(CoveyNames.printable(ref.getPropertyName()));
            } else if (ref.getIndex() >= 0) {
                out.append('[').append(ref.getIndex()).append(']');
            }
        }
        return out.toString();
    }

    /** The reason in words: our own validation message when one caused it, else Jackson's without its internals. */
    private static String describe(JacksonException e, GroupsFileFormat format) {
        for (Throwable cause = e.getCause(); cause != null; cause = cause.getCause()) {
            if (cause instanceof CoveyException || cause instanceof IllegalArgumentException) {
                return cause.getMessage();
            }
        }
        if (e instanceof UnrecognizedPropertyException unknown) {
            String known = unknown.getKnownPropertyIds() == null ? "" : unknown.getKnownPropertyIds().stream()
                    .map(String::valueOf).sorted().collect(Collectors.joining(", "));
            return "unknown field '" + CoveyNames.printable(unknown.getPropertyName()) + "'"
                    + (known.isEmpty() ? "" : " (known fields: " + known + ")");
        }
        if (e instanceof MismatchedInputException mismatch && mismatch.getTargetType() != null) {
            return "expected " + kind(mismatch.getTargetType());
        }
        String message = e.getOriginalMessage();
        int advice = message == null ? -1 : message.indexOf(" (set `");
        message = advice >= 0 ? message.substring(0, advice) : String.valueOf(message);
        return (e instanceof DatabindException ? "" : "not valid " + format + ": ") + oneLine(message);
    }

    /**
     * The YAML parser's message spans lines (a snippet of the file with a caret under the
     * problem, "in reader, line 2"); keep the sentences, as the line number is added anyway.
     */
    private static String oneLine(String message) {
        return message.lines()
                .filter(line -> !line.isBlank() && !Character.isWhitespace(line.charAt(0)) && !line.startsWith("in reader"))
                .collect(Collectors.joining("; "));
    }

    private static String kind(Class<?> type) {
        if (java.util.Collection.class.isAssignableFrom(type)) {
            return "a list";
        }
        if (type == String.class) {
            return "a string";
        }
        if (type == Boolean.class || type == boolean.class) {
            return "true or false";
        }
        if (Number.class.isAssignableFrom(type) || type.isPrimitive()) {
            return "a number";
        }
        return "an object";
    }

    private static String line(JacksonException e) {
        return e.getLocation() == null || e.getLocation().getLineNr() <= 0 ? ""
                : " (line " + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr() + ")";
    }

    private static GroupsFileException tooLarge(String source, long size) {
        return new GroupsFileException(source, "", "is " + size + " bytes; a groups file may have at most " + MAX_BYTES);
    }

    /** The file as written: groups by name, in the file's order. */
    record Document(LinkedHashMap<String, GroupBody> groups) {
    }

    /** One group: the body {@code PUT /api/v1/groups/{name}} takes. */
    record GroupBody(List<WorkerSpec> workers) {
    }

    /** Loaded only when a YAML file is read, so that without the optional YAML module JSON still works. */
    private static final class YamlMapperHolder {
        static final ObjectMapper MAPPER = CoveyJson.configure(tools.jackson.dataformat.yaml.YAMLMapper.builder())
                .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
                .build();
    }
}
