package io.covey.cli;

import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import io.covey.client.CoveyClient;
import io.covey.client.CoveyClientException;
import io.covey.core.lifecycle.WorkerState;

/** One frame of {@code covey top}: a summary line, the worker table, and how to quit, sized to the terminal. */
public final class TopScreen {
    private static final DateTimeFormatter CLOCK = DateTimeFormatter.ofPattern("HH:mm:ss").withZone(ZoneId.systemDefault());
    private static final String HOME = "\u001b[H";
    private static final String CLEAR_LINE = "\u001b[K";
    private static final String CLEAR_BELOW = "\u001b[J";

    private final CoveyClient client;
    private final Terminal terminal;

    public TopScreen(CoveyClient client, Terminal terminal) {
        this.client = client;
        this.terminal = terminal;
    }

    /** The frame's text, starting at the top left and clearing what the previous frame left. */
    public String frame(int rows, int columns) {
        Instant now = Instant.now();
        List<String> lines = new ArrayList<>();
        String title = "covey top  " + client.settings().baseUrl() + "  " + CLOCK.format(now);
        try {
            List<WorkerTable.Row> workers = WorkerTable.rows(client.getJson("/api/v1/groups"));
            lines.add(terminal.paint(title, Terminal.Style.BOLD) + "  " + summary(workers));
            lines.add("");
            if (workers.isEmpty()) {
                lines.add("no workers are declared");
            } else {
                lines.addAll(WorkerTable.table(workers, now, terminal).render(terminal, columns));
            }
        } catch (CoveyClientException e) {
            lines.add(terminal.paint(title, Terminal.Style.BOLD));
            lines.add("");
            lines.add(terminal.paint(ErrorReporter.oneLine(e.detail()), Terminal.Style.RED));
        }
        int room = Math.max(3, rows - 1);
        if (lines.size() > room) {
            int hidden = lines.size() - room + 1;
            lines = new ArrayList<>(lines.subList(0, room - 1));
            lines.add(terminal.paint("… " + hidden + " more", Terminal.Style.DIM));
        }
        StringBuilder frame = new StringBuilder(HOME);
        for (String line : lines) {
            frame.append(line).append(CLEAR_LINE).append("\r\n");
        }
        frame.append(terminal.paint("q quits", Terminal.Style.DIM)).append(CLEAR_LINE).append(CLEAR_BELOW);
        return frame.toString();
    }

    private String summary(List<WorkerTable.Row> workers) {
        Map<WorkerState, Integer> counts = new EnumMap<>(WorkerState.class);
        workers.stream().filter(row -> row.state() != null).forEach(row -> counts.merge(row.state(), 1, Integer::sum));
        return workers.size() + " workers" + (counts.isEmpty() ? "" : ": " + counts.entrySet().stream()
                .map(e -> e.getValue() + " " + e.getKey().name().toLowerCase(java.util.Locale.ROOT))
                .collect(Collectors.joining(", ")));
    }
}
