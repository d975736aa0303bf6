package io.covey.bench.report;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/** The rows of one run, written as a markdown table, a CSV of the summary and a CSV of every sample. */
public final class Results {
    private final List<Row> rows = new ArrayList<>();
    private final List<String> notes = new ArrayList<>();
    private final String machine = Machine.describe();
    private final String loadBefore = Machine.loadAverage();

    public synchronized void add(Row row) {
        rows.add(row);
        Stats s = row.stats();
        System.out.printf(Locale.ROOT, "[bench] %-60s median %10.2f %s (min %.2f, max %.2f, n %d)%s%n", row.scenario(),
                s.median(), row.unit(), s.min(), s.max(), s.count(),
                Double.isNaN(row.ratio()) ? "" : String.format(Locale.ROOT, " ratio %.2f", row.ratio()));
    }

    /** A line for the notes under the table (a skipped peer, a failed scenario, a breakdown). */
    public synchronized void note(String line) {
        notes.add(line);
        System.out.println("[bench] note: " + line);
    }

    public synchronized List<Row> rows() {
        return List.copyOf(rows);
    }

    public synchronized void write(Path dir) throws IOException {
        Files.createDirectories(dir);
        Files.writeString(dir.resolve("results.md"), markdown());
        Files.writeString(dir.resolve("results.csv"), summaryCsv());
        Files.writeString(dir.resolve("samples.csv"), samplesCsv());
    }

    private String markdown() {
        StringBuilder md = new StringBuilder();
        md.append("Machine: ").append(machine).append("  \n");
        md.append("Load average (1/5/15 min): ").append(loadBefore).append(" at the start, ")
                .append(Machine.loadAverage()).append(" at the end\n\n");
        md.append("| scenario | median | min – max (n) | reference (same run) | ratio | target | met |\n");
        md.append("|---|---:|---|---|---:|---|---|\n");
        for (Row row : rows) {
            Stats s = row.stats();
            md.append("| ").append(row.scenario())
                    .append(" | ").append(num(s.median())).append(' ').append(row.unit())
                    .append(" | ").append(num(s.min())).append(" – ").append(num(s.max())).append(" (").append(s.count()).append(')')
                    .append(" | ").append(row.reference() == null ? "" : row.reference() + ": " + num(row.refMedian()) + " " + row.unit())
                    .append(" | ").append(Double.isNaN(row.ratio()) ? "" : String.format(Locale.ROOT, "%.2fx", row.ratio()))
                    .append(" | ").append(row.target() == null ? "" : row.target())
                    .append(" | ").append(row.met() == null ? "" : row.met() ? "yes" : "**no**")
                    .append(" |\n");
        }
        if (!notes.isEmpty()) {
            md.append('\n');
            notes.forEach(n -> md.append("- ").append(n).append('\n'));
        }
        return md.toString();
    }

    private String summaryCsv() {
        StringBuilder csv = new StringBuilder("scenario,unit,median,min,max,n,reference,reference_median,ratio,target,met,note\n");
        for (Row row : rows) {
            Stats s = row.stats();
            csv.append(String.join(",", quote(row.scenario()), row.unit(), num(s.median()), num(s.min()), num(s.max()),
                    Integer.toString(s.count()), quote(row.reference()), num(row.refMedian()), num(row.ratio()),
                    quote(row.target()), row.met() == null ? "" : row.met().toString(), quote(row.note()))).append('\n');
        }
        csv.append(quote("# " + machine + " · load " + loadBefore + " -> " + Machine.loadAverage())).append('\n');
        return csv.toString();
    }

    private String samplesCsv() {
        StringBuilder csv = new StringBuilder("scenario,unit,index,value\n");
        for (Row row : rows) {
            for (int i = 0; i < row.samples().size(); i++) {
                csv.append(quote(row.scenario())).append(',').append(row.unit()).append(',').append(i).append(',')
                        .append(num(row.samples().get(i))).append('\n');
            }
        }
        return csv.toString();
    }

    public static String num(double value) {
        if (Double.isNaN(value)) {
            return "";
        }
        return Math.abs(value) >= 1000 ? String.format(Locale.ROOT, "%.0f", value) : String.format(Locale.ROOT, "%.2f", value);
    }

    private static String quote(String text) {
        return text == null ? "" : '"' + text.replace("\"", "\"\"") + '"';
    }

    /** Samples as a compact list, for notes. */
    public static String list(List<Double> samples) {
        return samples.stream().map(Results::num).collect(Collectors.joining(", "));
    }
}
