package io.covey.engine.foreign;

/**
 * How far the stop ladder of one attempt went. It only moves down the list, one step at a time,
 * except {@link #KILLED}, which a kill reaches from any step.
 */
enum StopStep {
    /** No stop asked. */
    NONE,
    /** The stop message is sent; SIGTERM follows after the stop timeout. */
    STOP_SENT,
    /** SIGTERM went to the child; SIGKILL follows after the kill grace. */
    SIGTERM_SENT,
    /** SIGKILL went to the child and every descendant seen: the ladder's last step. */
    SIGKILL_SENT,
    /** {@code kill(reason)}: SIGKILL to the tree at once (a start timeout, an unresponsive child, a broken protocol). */
    KILLED
}
