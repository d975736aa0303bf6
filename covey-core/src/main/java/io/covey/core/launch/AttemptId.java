package io.covey.core.launch;

import java.util.Objects;

/**
 * Who one attempt of a worker is: its worker id and attempt number. Its text form,
 * {@code id#attempt}, is what a child's command line ({@code -Dcovey.worker=}), thread names and
 * messages show, and the key a launcher finds an attempt by.
 */
public record AttemptId(String workerId, int attempt) {
    public AttemptId {
        Objects.requireNonNull(workerId, "workerId");
    }

    /** {@code id#attempt}. */
    @Override
    public String toString() {
        return workerId + "#" + attempt;
    }
}
