package io.covey.cli;

import java.util.ArrayList;
import java.util.List;

/**
 * A plain-text table like {@code pm2 ls} or {@code kubectl get}: a header, columns as wide as
 * their widest cell, two spaces between them, numbers right-aligned. A cell may carry a style;
 * widths are measured without it.
 */
public final class Table {
    private final List<Column> columns = new ArrayList<>();
    private final List<List<Cell>> rows = new ArrayList<>();

    public Table column(String header, boolean rightAligned) {
        columns.add(new Column(header, rightAligned));
        return this;
    }

    public Table column(String header) {
        return column(header, false);
    }

    public void row(List<Cell> cells) {
        if (cells.size() != columns.size()) {
            throw new IllegalArgumentException(cells.size() + " cells for " + columns.size() + " columns");
        }
        rows.add(List.copyOf(cells));
    }

    public boolean isEmpty() {
        return rows.isEmpty();
    }

    /** The table's lines; at most {@code width} characters each when width is positive (the last column is cut). */
    public List<String> render(Terminal terminal, int width) {
        int[] widths = new int[columns.size()];
        for (int c = 0; c < columns.size(); c++) {
            widths[c] = columns.get(c).header().length();
            for (List<Cell> row : rows) {
                widths[c] = Math.max(widths[c], row.get(c).text().length());
            }
        }
        List<String> lines = new ArrayList<>();
        List<Cell> header = columns.stream().map(column -> new Cell(column.header(), Terminal.Style.BOLD)).toList();
        lines.add(line(terminal, header, widths, width));
        for (List<Cell> row : rows) {
            lines.add(line(terminal, row, widths, width));
        }
        return lines;
    }

    private String line(Terminal terminal, List<Cell> cells, int[] widths, int maxWidth) {
        StringBuilder line = new StringBuilder();
        int used = 0;
        for (int c = 0; c < cells.size(); c++) {
            boolean last = c == cells.size() - 1;
            String text = cells.get(c).text();
            if (last && maxWidth > 0 && used + text.length() > maxWidth) {
                text = cut(text, Math.max(1, maxWidth - used));
            }
            int pad = last && !columns.get(c).rightAligned() ? 0 : Math.max(0, widths[c] - text.length());
            String padding = " ".repeat(pad);
            String painted = terminal.paint(text, cells.get(c).style());
            line.append(columns.get(c).rightAligned() ? padding + painted : painted + padding);
            used += text.length() + pad;
            if (!last) {
                line.append("  ");
                used += 2;
            }
        }
        return line.toString().stripTrailing();
    }

    static String cut(String text, int max) {
        return text.length() <= max ? text : text.substring(0, Math.max(0, max - 1)) + "…";
    }

    record Column(String header, boolean rightAligned) {
    }

    /** One cell: its text (already made safe for the terminal) and how to paint it. */
    public record Cell(String text, Terminal.Style style) {
        public Cell {
            text = text == null ? "" : text;
        }

        public static Cell of(Object value) {
            return new Cell(value == null ? "-" : String.valueOf(value), Terminal.Style.PLAIN);
        }
    }
}
