package io.covey.client;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import io.covey.core.event.CoveyEvent;
import io.covey.core.event.EventListener;
import io.covey.core.event.GapEvent;
import io.covey.core.event.LogEvent;

/** Every event a listener received, with the checks the resilience tests need. */
final class EventTrail implements EventListener {
    private final List<CoveyEvent> events = new CopyOnWriteArrayList<>();

    @Override
    public void onEvent(CoveyEvent event) {
        events.add(event);
    }

    List<CoveyEvent> events() {
        return List.copyOf(events);
    }

    List<String> logLines(String worker) {
        return events.stream().filter(e -> e instanceof LogEvent log && log.worker().equals(worker))
                .map(e -> ((LogEvent) e).line()).toList();
    }

    /** Every seq from 1 on is accounted for exactly once and in order: delivered, or inside a gap. */
    /** From the first event on (a host run numbers from where the previous one left off, or from the time). */
    void assertEverySeqExactlyOnceInOrder() {
        List<CoveyEvent> events = events();
        if (events.isEmpty()) {
            return;
        }
        long expected = events.get(0) instanceof GapEvent gap ? gap.fromSeq() : events.get(0).seq();
        for (CoveyEvent event : events) {
            if (event instanceof GapEvent gap) {
                assertThat(gap.fromSeq()).as("gap start").isEqualTo(expected);
                expected = gap.toSeq() + 1;
            } else {
                assertThat(event.seq()).as("seq of " + event).isEqualTo(expected);
                expected++;
            }
        }
    }
}
