package io.covey.cli.commands;

import java.io.IOException;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.Callable;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import io.covey.cli.CliException;
import io.covey.cli.CoveyCli;
import io.covey.cli.ExitCodes;
import io.covey.cli.Session;
import io.covey.cli.Terminal;
import io.covey.cli.TopScreen;
import io.covey.cli.TtyScreen;
import io.covey.core.event.EventFilter;
import io.covey.core.event.EventType;
import io.covey.core.event.Subscription;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/**
 * A live view of every worker, like {@code pm2 monit}: redrawn as soon as a worker changes
 * state (the host's lifecycle and group events) and every {@code --interval} for the clocks.
 * q quits. Needs a terminal.
 */
@Command(name = "top", description = "Shows every worker live (state, restarts, uptime, memory and CPU where reported); q quits.")
public final class TopCommand implements Callable<Integer> {
    private static final Object REDRAW = new Object();
    private static final Object QUIT = new Object();

    @ParentCommand
    CoveyCli cli;

    @Option(names = "--interval", paramLabel = "DURATION", defaultValue = "2s", converter = io.covey.cli.DurationConverter.class,
            description = "Redraw at least this often (default: ${DEFAULT-VALUE}); a state change redraws at once.")
    java.time.Duration interval;

    @Override
    public Integer call() throws Exception {
        Session session = cli.session();
        Terminal terminal = session.terminal();
        if (!terminal.isInteractive()) {
            throw new CliException(ExitCodes.USAGE, "covey top needs a terminal; in a script use covey ls or covey events -f");
        }
        TopScreen screen = new TopScreen(session.client(), terminal);
        BlockingQueue<Object> wakeUps = new LinkedBlockingQueue<>();
        try (TtyScreen tty = TtyScreen.open(terminal);
             Subscription changes = session.client().subscribe(
                     EventFilter.ALL.withTypes(EventType.LIFECYCLE, EventType.GROUP), event -> wakeUps.offer(REDRAW))) {
            Thread keys = new Thread(() -> readKeys(wakeUps), "covey-top-keys");
            keys.setDaemon(true);
            keys.start();
            Object wakeUp = REDRAW;
            while (wakeUp != QUIT) {
                int[] size = tty.size();
                terminal.frame(screen.frame(size[0], size[1]));
                wakeUp = wakeUps.poll(interval.toMillis(), TimeUnit.MILLISECONDS);
                // A burst of events is one redraw.
                while (wakeUp != QUIT && !wakeUps.isEmpty()) {
                    wakeUp = wakeUps.take();
                }
            }
        }
        return ExitCodes.OK;
    }

    private static void readKeys(BlockingQueue<Object> wakeUps) {
        try {
            int key;
            while ((key = System.in.read()) >= 0) {
                if (key == 'q' || key == 'Q') {
                    break;
                }
                wakeUps.offer(REDRAW);
            }
        } catch (IOException e) {
            // the terminal went away: quit
        }
        wakeUps.offer(QUIT);
    }
}
