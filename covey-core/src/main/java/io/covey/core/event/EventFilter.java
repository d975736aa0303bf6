package io.covey.core.event;

import java.util.EnumSet;
import java.util.Set;

/**
 * Which events a subscriber wants: null or empty fields match everything. A {@link GapEvent}
 * always passes, since a subscriber must learn that it missed something.
 */
public record EventFilter(String group, String worker, Set<EventType> types) {
    public static final EventFilter ALL = new EventFilter(null, null, Set.of());

    public EventFilter {
        types = types == null || types.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(types));
    }

    public static EventFilter group(String group) {
        return new EventFilter(group, null, Set.of());
    }

    public static EventFilter worker(String worker) {
        return new EventFilter(null, worker, Set.of());
    }

    public EventFilter withTypes(EventType... wanted) {
        return new EventFilter(group, worker, Set.of(wanted));
    }

    public boolean matches(CoveyEvent event) {
        if (event instanceof GapEvent) {
            return true;
        }
        if (!types.isEmpty() && !types.contains(event.eventType())) {
            return false;
        }
        if (group != null && !group.equals(event.group())) {
            return false;
        }
        return worker == null || worker.equals(event.worker());
    }
}
