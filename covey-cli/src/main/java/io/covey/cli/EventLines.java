package io.covey.cli;

import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;

import io.covey.cli.Terminal.Style;
import io.covey.core.event.CoveyEvent;
import io.covey.core.event.DataEvent;
import io.covey.core.event.GapEvent;
import io.covey.core.event.GroupEvent;
import io.covey.core.event.HealthEvent;
import io.covey.core.event.LifecycleEvent;
import io.covey.core.event.LogEvent;
import io.covey.core.event.ResultEvent;
import io.covey.core.event.ScheduleEvent;
import io.covey.core.json.CoveyJson;

/** One event as one line: seq, local time, type, group/worker, and what happened. */
public final class EventLines {
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss.SSS").withZone(ZoneId.systemDefault());

    private EventLines() {
    }

    public static String format(CoveyEvent event, Terminal t) {
        String head = event.seq() + "  " + TIME.format(event.time()) + "  " + t.paint(String.format("%-9s", event.eventType().wireName()), Style.BOLD);
        String who = event.worker() != null ? event.group() + "/" + event.worker() : event.group() == null ? "" : event.group();
        return head + "  " + t.untrusted(who) + "  " + what(event, t);
    }

    private static String what(CoveyEvent event, Terminal t) {
        if (event instanceof LifecycleEvent e) {
            return "#" + e.attempt() + " " + t.paint(String.valueOf(e.state()), WorkerTable.style(e.state()))
                    + text(t, e.message()) + (e.forced() ? " (forced)" : "");
        }
        if (event instanceof LogEvent e) {
            return "#" + e.attempt() + " [" + e.stream() + "]" + text(t, e.line());
        }
        if (event instanceof DataEvent e) {
            return "#" + e.attempt() + text(t, CoveyJson.write(e.data()));
        }
        if (event instanceof ResultEvent e) {
            return "#" + e.attempt() + text(t, CoveyJson.write(e.result()));
        }
        if (event instanceof HealthEvent e) {
            return "#" + e.attempt() + " " + (e.healthy() ? t.paint("healthy", Style.GREEN) : t.paint("unhealthy", Style.RED))
                    + text(t, e.message());
        }
        if (event instanceof GroupEvent e) {
            return e.change() + ids(t, " started ", e.started()) + ids(t, " stopped ", e.stopped()) + text(t, e.message());
        }
        if (event instanceof ScheduleEvent e) {
            return "#" + e.attempt() + " schedule " + e.outcome() + text(t, e.message());
        }
        GapEvent e = (GapEvent) event;
        return t.paint("missed events " + e.fromSeq() + " to " + e.toSeq() + " (no longer retained): re-read state with covey ls",
                Style.YELLOW);
    }

    private static String text(Terminal t, String text) {
        return text == null || text.isEmpty() ? "" : " " + t.untrusted(text);
    }

    private static String ids(Terminal t, String label, List<String> ids) {
        return ids == null || ids.isEmpty() ? "" : label + t.untrusted(String.join(",", ids));
    }
}
