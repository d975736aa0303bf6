package io.covey.engine;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import io.covey.core.event.CoveyEvent;
import io.covey.core.event.EventListener;
import io.covey.core.event.LifecycleEvent;
import io.covey.core.lifecycle.WorkerState;

/** Keeps every event it receives, for assertions. */
public final class RecordingListener implements EventListener {
    private final List<CoveyEvent> events = new CopyOnWriteArrayList<>();

    @Override
    public void onEvent(CoveyEvent event) {
        events.add(event);
    }

    public List<CoveyEvent> events() {
        return List.copyOf(events);
    }

    public List<LifecycleEvent> lifecycle(String worker) {
        return events.stream().filter(e -> e instanceof LifecycleEvent l && l.worker().equals(worker))
                .map(LifecycleEvent.class::cast).toList();
    }

    public List<WorkerState> states(String worker) {
        return lifecycle(worker).stream().map(LifecycleEvent::state).toList();
    }

    public List<Long> seqs() {
        return events.stream().map(CoveyEvent::seq).toList();
    }
}
