package io.covey.cli.commands;

import java.util.List;
import java.util.concurrent.Callable;

import io.covey.cli.CliException;
import io.covey.cli.CoveyCli;
import io.covey.cli.ExitCodes;
import io.covey.cli.Follower;
import io.covey.cli.LogOverlap;
import io.covey.cli.Session;
import io.covey.cli.Terminal;
import io.covey.cli.Terminal.Style;
import io.covey.client.CoveyClient;
import io.covey.core.api.LogLine;
import io.covey.core.event.EventFilter;
import io.covey.core.event.EventType;
import io.covey.core.event.GapEvent;
import io.covey.core.event.LogEvent;
import io.covey.core.event.Subscription;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/**
 * A worker's last log lines, and with {@code -f} every new one as it is written. Following reads
 * the journal's position first, then the tail, then the events after that position: a line
 * written in between is in both, and is printed once, in order.
 */
@Command(name = "logs", description = "Prints a worker's last log lines; -f follows new ones live.")
public final class LogsCommand implements Callable<Integer> {
    private static final int MAX_TAIL = 2000;

    @ParentCommand
    CoveyCli cli;

    @Parameters(paramLabel = "ID", description = "The worker's id.")
    String id;

    @Option(names = {"-n", "--tail"}, paramLabel = "N", defaultValue = "20",
            description = "How many of the last lines to print, at most " + MAX_TAIL + " (default: ${DEFAULT-VALUE}).")
    int tail;

    @Option(names = {"-f", "--follow"}, description = "Keep printing lines as the worker writes them (Ctrl-C ends).")
    boolean follow;

    @Option(names = {"-t", "--timestamps"}, description = "Prefix each line with its time.")
    boolean timestamps;

    @Override
    public Integer call() {
        if (tail < 0 || tail > MAX_TAIL) {
            throw new CliException(ExitCodes.USAGE, "--tail must be between 0 and " + MAX_TAIL + ", was " + tail);
        }
        Session session = cli.session();
        CoveyClient client = session.client();
        Terminal t = session.terminal();
        long position = follow ? client.lastEventSeq() : 0;
        List<LogLine> lines = client.logs(id, tail);
        for (LogLine line : lines) {
            t.println(format(t, line.time().toString(), line.stream(), line.line()));
        }
        if (!follow) {
            return ExitCodes.OK;
        }
        t.flush();
        LogOverlap overlap = new LogOverlap(lines);
        Follower follower = new Follower();
        Subscription subscription = client.subscribe(position, EventFilter.worker(id).withTypes(EventType.LOG), event -> {
            if (event instanceof GapEvent gap) {
                t.warn("events " + gap.fromSeq() + " to " + gap.toSeq() + " are no longer retained by the host; lines may be missing");
            } else if (event instanceof LogEvent log && overlap.isNew(log)) {
                t.emit(format(t, log.time().toString(), log.stream(), log.line()));
            }
        });
        follower.await(subscription);
        return ExitCodes.OK;
    }

    private String format(Terminal t, String time, String stream, String line) {
        String text = t.untrusted(line);
        Style style = "stderr".equals(stream) ? Style.RED : "covey".equals(stream) ? Style.DIM : Style.PLAIN;
        return (timestamps ? t.paint(time, Style.DIM) + " " : "") + t.paint(text, style);
    }
}
