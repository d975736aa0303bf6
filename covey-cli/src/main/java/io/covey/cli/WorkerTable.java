package io.covey.cli;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import io.covey.cli.Table.Cell;
import io.covey.cli.Terminal.Style;
import io.covey.core.lifecycle.WorkerState;
import tools.jackson.databind.JsonNode;

/**
 * The workers of {@code covey ls} and {@code covey top}, one row each, from the host's group
 * documents. MEM and CPU appear only when the host reports them ({@code memoryBytes},
 * {@code cpuPercent} in a worker's status); nothing is estimated here.
 */
public final class WorkerTable {
    static final String MEMORY_FIELD = "memoryBytes";
    static final String CPU_FIELD = "cpuPercent";
    private static final int MESSAGE_WIDTH = 60;

    private WorkerTable() {
    }

    /**
     * One worker as the host described it, with the figures only some hosts report. Read from the
     * JSON tree field by field rather than bound to {@code WorkerStatus}: binding a record is
     * Jackson's slowest first use, a tenth of a second of a short command's life, and fields a
     * newer host adds are simply not looked at.
     */
    public record Row(String id, String group, String type, WorkerState state, String message, int attempt, int restarts,
                      Long pid, Instant startedAt, Instant endedAt, boolean foreign, boolean forced, Long memoryBytes,
                      Double cpuPercent) {
        public static Row of(JsonNode worker) {
            return new Row(text(worker, "id"), text(worker, "group"), text(worker, "type"), state(text(worker, "state")),
                    text(worker, "message"), worker.path("attempt").asInt(), worker.path("restarts").asInt(),
                    number(worker, "pid") == null ? null : worker.get("pid").asLong(), instant(text(worker, "startedAt")),
                    instant(text(worker, "endedAt")), worker.path("foreign").asBoolean(), worker.path("forced").asBoolean(),
                    number(worker, MEMORY_FIELD) == null ? null : worker.get(MEMORY_FIELD).asLong(),
                    number(worker, CPU_FIELD) == null ? null : worker.get(CPU_FIELD).asDouble());
        }

        private static String text(JsonNode node, String field) {
            JsonNode value = node.get(field);
            return value == null || value.isNull() ? null : value.asString();
        }

        private static JsonNode number(JsonNode node, String field) {
            JsonNode value = node.get(field);
            return value != null && value.isNumber() ? value : null;
        }

        private static WorkerState state(String name) {
            try {
                return name == null ? null : WorkerState.valueOf(name);
            } catch (IllegalArgumentException newerHost) {
                return null;
            }
        }

        private static Instant instant(String text) {
            try {
                return text == null ? null : Instant.parse(text);
            } catch (java.time.format.DateTimeParseException e) {
                return null;
            }
        }
    }

    /** The rows of a list of group documents (GET /api/v1/groups), in the host's order. */
    public static List<Row> rows(JsonNode groups) {
        List<Row> rows = new ArrayList<>();
        for (JsonNode group : groups) {
            for (JsonNode worker : group.path("workers")) {
                rows.add(Row.of(worker));
            }
        }
        return rows;
    }

    public static Table table(List<Row> rows, Instant now, Terminal terminal) {
        boolean memory = rows.stream().anyMatch(row -> row.memoryBytes() != null);
        boolean cpu = rows.stream().anyMatch(row -> row.cpuPercent() != null);
        Table table = new Table().column("GROUP").column("WORKER").column("TYPE").column("STATE")
                .column("ATTEMPT", true).column("RESTARTS", true).column("UPTIME", true).column("PID", true);
        if (memory) {
            table.column("MEM", true);
        }
        if (cpu) {
            table.column("CPU", true);
        }
        table.column("MESSAGE");
        for (Row row : rows) {
            Row w = row;
            List<Cell> cells = new ArrayList<>(List.of(
                    Cell.of(Terminal.escaped(w.group())),
                    Cell.of(Terminal.escaped(w.id())),
                    Cell.of(Terminal.escaped(w.type())),
                    new Cell(w.state() == null ? "?" : w.state().name(), style(w.state())),
                    Cell.of(w.attempt()),
                    new Cell(String.valueOf(w.restarts()), w.restarts() > 0 ? Style.YELLOW : Style.PLAIN),
                    Cell.of(uptime(w, now)),
                    Cell.of(w.pid())));
            if (memory) {
                cells.add(Cell.of(row.memoryBytes() == null ? null : bytes(row.memoryBytes())));
            }
            if (cpu) {
                cells.add(Cell.of(row.cpuPercent() == null ? null : String.format(Locale.ROOT, "%.1f%%", row.cpuPercent())));
            }
            cells.add(new Cell(Table.cut(Terminal.escaped(w.message()), MESSAGE_WIDTH), Style.DIM));
            table.row(cells);
        }
        return table;
    }

    public static Style style(WorkerState state) {
        if (state == null) {
            return Style.PLAIN;
        }
        return switch (state) {
            case RUNNING -> Style.GREEN;
            case COMPLETED -> Style.CYAN;
            case CRASHED, FAILED -> Style.RED;
            case PENDING, STARTING, BACKOFF -> Style.YELLOW;
            case STOPPING, STOPPED -> Style.DIM;
        };
    }

    /** How long the current attempt has been up; "-" when none is. */
    static String uptime(Row worker, Instant now) {
        boolean up = worker.state() == WorkerState.RUNNING || worker.state() == WorkerState.STARTING
                || worker.state() == WorkerState.STOPPING;
        if (!up || worker.startedAt() == null) {
            return "-";
        }
        return age(Duration.between(worker.startedAt(), now));
    }

    /** "1 worker", "3 workers". */
    public static String workers(int count) {
        return count == 1 ? "1 worker" : count + " workers";
    }

    /** 42s, 12m, 5h, 3d: as pm2 shows uptime. */
    public static String age(Duration duration) {
        long seconds = Math.max(0, duration.toSeconds());
        if (seconds < 60) {
            return seconds + "s";
        }
        if (seconds < 3600) {
            return seconds / 60 + "m";
        }
        if (seconds < 48 * 3600) {
            return seconds / 3600 + "h";
        }
        return seconds / 86400 + "d";
    }

    public static String bytes(long bytes) {
        if (bytes < 1024) {
            return bytes + " B";
        }
        double value = bytes;
        String[] units = {"KiB", "MiB", "GiB", "TiB"};
        int unit = -1;
        do {
            value /= 1024;
            unit++;
        } while (value >= 1024 && unit < units.length - 1);
        return String.format(Locale.ROOT, "%.1f %s", value, units[unit]);
    }
}
