package io.covey.cli.commands;

import java.util.EnumSet;
import java.util.Set;
import java.util.concurrent.Callable;

import io.covey.cli.CoveyCli;
import io.covey.cli.EventLines;
import io.covey.cli.ExitCodes;
import io.covey.cli.Follower;
import io.covey.cli.OutputFormat;
import io.covey.cli.OutputOption;
import io.covey.cli.Session;
import io.covey.cli.Terminal;
import io.covey.client.CoveyClient;
import io.covey.core.event.CoveyEvent;
import io.covey.core.event.EventFilter;
import io.covey.core.event.EventType;
import io.covey.core.event.Subscription;
import io.covey.core.json.CoveyJson;
import tools.jackson.databind.JsonNode;
import picocli.CommandLine.Command;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/**
 * The host's events. Without {@code -f}: the retained ones (after {@code --since}), then it
 * ends; it reads the journal's last seq first and stops there, filtering on this side so that
 * it knows where the end is. With {@code -f}: live ones from now (or after {@code --since}),
 * filtered by the host, resuming after a dropped connection without losing or repeating one.
 */
@Command(name = "events", description = "Prints the host's events; -f follows them live.")
public final class EventsCommand implements Callable<Integer> {
    @ParentCommand
    CoveyCli cli;

    @Option(names = {"-f", "--follow"}, description = "Keep printing events as they happen (Ctrl-C ends).")
    boolean follow;

    @Option(names = {"-g", "--group"}, paramLabel = "GROUP", description = "Only events of this group.")
    String group;

    @Option(names = {"-w", "--worker"}, paramLabel = "ID", description = "Only events of this worker.")
    String worker;

    @Option(names = {"-t", "--type"}, paramLabel = "TYPE", split = ",", converter = TypeConverter.class,
            description = "Only these types: lifecycle, log, data, result, health, group (repeat or separate with commas).")
    Set<EventType> types;

    @Option(names = "--since", paramLabel = "SEQ",
            description = "Only events after this seq (default: every retained one; with -f, from now on).")
    Long since;

    @Mixin
    OutputOption output;

    @Override
    public Integer call() {
        Session session = cli.session();
        CoveyClient client = session.client();
        EventFilter filter = new EventFilter(group, worker, types == null ? Set.of() : EnumSet.copyOf(types));
        Terminal t = session.terminal();
        JsonNode journal = client.getJson("/api/v1/events");
        long last = journal.path("lastSeq").asLong();
        Follower follower = new Follower();
        Subscription subscription;
        if (follow) {
            long from = since != null ? since : last;
            subscription = client.subscribe(from, filter, event -> t.emit(line(event, t)));
        } else {
            long from = since != null ? since : Math.max(0, journal.path("oldestRetainedSeq").asLong() - 1);
            if (from >= last) {
                return ExitCodes.OK;
            }
            subscription = client.subscribe(from, EventFilter.ALL, event -> {
                if (event.seq() <= last && filter.matches(event)) {
                    t.println(line(event, t));
                }
                if (event.seq() >= last) {
                    follower.stop();
                }
            });
        }
        follower.await(subscription);
        return ExitCodes.OK;
    }

    /** A line per event: text, one JSON document per line, or one YAML list item per event. */
    private String line(CoveyEvent event, Terminal t) {
        if (output.format() == OutputFormat.TABLE) {
            return EventLines.format(event, t);
        }
        String json = CoveyJson.mapper().writerFor(CoveyEvent.class).writeValueAsString(event);
        if (output.format() == OutputFormat.JSON) {
            return json;
        }
        return "- " + output.format().write(CoveyJson.mapper().readTree(json)).stripTrailing().replace("\n", "\n  ");
    }

    static final class TypeConverter implements ITypeConverter<EventType> {
        @Override
        public EventType convert(String value) {
            return EventType.fromWireName(value);
        }
    }
}
