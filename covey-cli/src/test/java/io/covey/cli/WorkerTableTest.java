package io.covey.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;

import io.covey.core.json.CoveyJson;

/** The table of ls and top: MEM and CPU only when the host reports them, host text made harmless on a terminal. */
class WorkerTableTest {
    private static final Instant NOW = Instant.parse("2026-01-01T12:00:00Z");

    private static List<String> render(String groupsJson, boolean interactive) {
        PrintStream sink = new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8);
        Terminal terminal = new Terminal(sink, sink, interactive, false);
        return WorkerTable.table(WorkerTable.rows(CoveyJson.mapper().readTree(groupsJson)), NOW, terminal).render(terminal, 0);
    }

    @Test
    void withoutUsageFiguresThereAreNoMemOrCpuColumns() {
        List<String> lines = render("""
                [{"name":"g","stopped":false,"workers":[{"id":"w","group":"g","type":"T","state":"RUNNING","message":"up",
                  "attempt":2,"restarts":1,"pid":4242,"startedAt":"2026-01-01T11:55:00Z","foreign":true}]}]""", false);

        assertThat(lines).containsExactly(
                "GROUP  WORKER  TYPE  STATE    ATTEMPT  RESTARTS  UPTIME   PID  MESSAGE",
                "g      w       T     RUNNING        2         1      5m  4242  up");
    }

    @Test
    void usageFiguresTheHostReportsGetTheirColumns() {
        List<String> lines = render("""
                [{"name":"g","workers":[
                  {"id":"a","group":"g","type":"T","state":"RUNNING","attempt":1,"restarts":0,"startedAt":"2026-01-01T10:00:00Z",
                   "memoryBytes":52428800,"cpuPercent":12.5},
                  {"id":"b","group":"g","type":"T","state":"STOPPED","attempt":1,"restarts":0}]}]""", false);

        assertThat(lines.get(0)).matches("GROUP +WORKER +TYPE +STATE +ATTEMPT +RESTARTS +UPTIME +PID +MEM +CPU +MESSAGE");
        assertThat(lines.get(1)).contains("2h", "50.0 MiB", "12.5%");
        assertThat(lines.get(2)).contains("STOPPED").doesNotContain("MiB").endsWith("-");
    }

    @Test
    void aWorkersTextCannotDriveTheTerminal() {
        String json = """
                [{"name":"g","workers":[{"id":"w","group":"g","type":"T","state":"CRASHED","attempt":1,"restarts":0,
                  "message":"boom\\u001b]0;owned\\u0007\\nnext"}]}]""";

        // On a terminal and in a pipe alike: a table's rows stay rows.
        assertThat(render(json, true).get(1)).endsWith("boom\\x1b]0;owned\\x07\\x0anext").doesNotContain("\u001b");
        assertThat(render(json, false).get(1)).endsWith("boom\\x1b]0;owned\\x07\\x0anext");
    }
}
