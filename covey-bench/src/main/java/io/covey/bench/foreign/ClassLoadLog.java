package io.covey.bench.foreign;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.function.Predicate;

/**
 * A child's {@code -Xlog:class+load:file=...:uptime} log, read as a timeline: how many classes
 * of whom were loaded, and the JVM uptime at which milestones were first seen.
 */
final class ClassLoadLog {
    private record Line(double uptimeMillis, String className, boolean shared) {
    }

    private final List<Line> lines;

    private ClassLoadLog(List<Line> lines) {
        this.lines = lines;
    }

    static ClassLoadLog read(Path file) throws IOException {
        return new ClassLoadLog(Files.readAllLines(file).stream().filter(l -> l.startsWith("[")).map(l -> {
            int close = l.indexOf("s]");
            String rest = l.substring(close + 3);
            String name = rest.split(" ", 2)[0];
            return new Line(Double.parseDouble(l.substring(1, close)) * 1000, name, rest.contains("shared objects file"));
        }).toList());
    }

    long count(Predicate<String> className) {
        return lines.stream().filter(l -> className.test(l.className())).count();
    }

    long sharedCount() {
        return lines.stream().filter(Line::shared).count();
    }

    /** JVM uptime in ms when the first class matching was loaded, or NaN. */
    double firstAt(Predicate<String> className) {
        return lines.stream().filter(l -> className.test(l.className())).mapToDouble(Line::uptimeMillis).findFirst()
                .orElse(Double.NaN);
    }

    double lastAt() {
        return lines.isEmpty() ? Double.NaN : lines.get(lines.size() - 1).uptimeMillis();
    }

    String summary() {
        return String.format(Locale.ROOT, "%d classes (%d from the CDS archive): JDK %d, Jackson %d, Covey %d, other %d",
                lines.size(), sharedCount(), count(ClassLoadLog::jdk), count(ClassLoadLog::jackson), count(c -> c.startsWith("io.covey")),
                count(c -> !jdk(c) && !jackson(c) && !c.startsWith("io.covey")));
    }

    static boolean jdk(String c) {
        return c.startsWith("java.") || c.startsWith("jdk.") || c.startsWith("sun.") || c.startsWith("javax.") || c.startsWith("com.sun.");
    }

    static boolean jackson(String c) {
        return c.startsWith("tools.jackson") || c.startsWith("com.fasterxml.jackson");
    }
}
