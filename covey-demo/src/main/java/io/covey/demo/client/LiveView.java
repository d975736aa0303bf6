package io.covey.demo.client;

import java.io.PrintStream;
import java.time.Clock;
import java.util.List;

import io.covey.core.api.CoveyOperations;
import io.covey.core.api.GroupDiff;
import io.covey.core.api.WorkerStatus;
import io.covey.core.event.EventFilter;
import io.covey.core.event.EventType;
import io.covey.core.event.GapEvent;
import io.covey.core.event.Subscription;
import io.covey.core.spec.CoveyGroup;
import io.covey.core.spec.WorkerSpec;

/**
 * Runs a group and prints, as they happen, its workers' state changes and results, one readable
 * line each. Works against any {@link CoveyOperations}: the remote client or a local manager.
 */
final class LiveView implements AutoCloseable {
    private final CoveyOperations covey;
    private final String group;
    private final PrintStream out;
    private final Clock clock;
    private final WorkerBoard board;
    private volatile Subscription subscription;

    LiveView(CoveyOperations covey, String group, PrintStream out, Clock clock) {
        this.covey = covey;
        this.group = group;
        this.out = out;
        this.clock = clock;
        this.board = new WorkerBoard(clock.getZone());
    }

    /** Subscribes, then declares the group, so not even the first STARTING is missed. */
    GroupDiff start(List<WorkerSpec> workers) {
        subscription = covey.subscribe(EventFilter.group(group).withTypes(EventType.LIFECYCLE, EventType.RESULT), event -> {
            print(board.apply(event));
            if (event instanceof GapEvent) {
                seedFromHost();
            }
        });
        GroupDiff diff = covey.runGroup(new CoveyGroup(group, workers));
        print(board.line(clock.instant(), group, "declared", "started " + diff.started() + ", unchanged " + diff.unchanged()
                + (diff.stopped().isEmpty() ? "" : ", stopped " + diff.stopped())));
        // Workers left unchanged (say, restored by the host) send no event until they change.
        seedFromHost();
        return diff;
    }

    private void seedFromHost() {
        for (WorkerStatus status : covey.group(group).workers()) {
            board.seed(status);
        }
    }

    /** Prints the whole board on one line. */
    void printSummary() {
        print(board.line(clock.instant(), group, "now", board.summary()));
    }

    /** Prints a line of the demo's output, e.g. from the serial tap. */
    void print(String who, String what, String details) {
        print(board.line(clock.instant(), who, what, details));
    }

    private void print(String line) {
        if (line != null) {
            synchronized (out) {
                out.println(line);
                out.flush();
            }
        }
    }

    WorkerBoard board() {
        return board;
    }

    @Override
    public void close() {
        Subscription current = subscription;
        if (current != null) {
            current.close();
        }
    }
}
