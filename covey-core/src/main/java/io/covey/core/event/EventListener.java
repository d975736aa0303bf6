package io.covey.core.event;

/** Receives events of one subscription, in order, one at a time. */
@FunctionalInterface
public interface EventListener {
    void onEvent(CoveyEvent event);
}
