package io.covey.core.lifecycle;

import static io.covey.core.lifecycle.WorkerState.BACKOFF;
import static io.covey.core.lifecycle.WorkerState.COMPLETED;
import static io.covey.core.lifecycle.WorkerState.CRASHED;
import static io.covey.core.lifecycle.WorkerState.FAILED;
import static io.covey.core.lifecycle.WorkerState.PENDING;
import static io.covey.core.lifecycle.WorkerState.RUNNING;
import static io.covey.core.lifecycle.WorkerState.STARTING;
import static io.covey.core.lifecycle.WorkerState.STOPPED;
import static io.covey.core.lifecycle.WorkerState.STOPPING;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class WorkerStateTest {

    /** Written out independently of the table in WorkerState, so a change to either is caught. */
    static Stream<Arguments> allowedTransitions() {
        return Stream.of(
                Arguments.of(PENDING, PENDING), Arguments.of(PENDING, STARTING), Arguments.of(PENDING, STOPPED),
                Arguments.of(STARTING, STARTING), Arguments.of(STARTING, RUNNING), Arguments.of(STARTING, COMPLETED),
                Arguments.of(STARTING, CRASHED), Arguments.of(STARTING, STOPPING), Arguments.of(STARTING, STOPPED),
                Arguments.of(RUNNING, RUNNING), Arguments.of(RUNNING, STOPPING), Arguments.of(RUNNING, COMPLETED),
                Arguments.of(RUNNING, CRASHED), Arguments.of(RUNNING, STOPPED),
                Arguments.of(STOPPING, STOPPING), Arguments.of(STOPPING, STOPPED), Arguments.of(STOPPING, COMPLETED),
                Arguments.of(STOPPING, CRASHED),
                Arguments.of(STOPPED, STARTING), Arguments.of(STOPPED, PENDING),
                Arguments.of(COMPLETED, STARTING), Arguments.of(COMPLETED, BACKOFF), Arguments.of(COMPLETED, PENDING),
                Arguments.of(CRASHED, BACKOFF), Arguments.of(CRASHED, FAILED), Arguments.of(CRASHED, STARTING),
                Arguments.of(CRASHED, STOPPED), Arguments.of(CRASHED, PENDING),
                Arguments.of(BACKOFF, STARTING), Arguments.of(BACKOFF, STOPPED), Arguments.of(BACKOFF, PENDING), Arguments.of(BACKOFF, FAILED),
                Arguments.of(FAILED, STARTING), Arguments.of(FAILED, STOPPED), Arguments.of(FAILED, PENDING));
    }

    @ParameterizedTest(name = "{0} -> {1} is allowed")
    @MethodSource("allowedTransitions")
    void allowsEveryTransitionOfTheLifecycle(WorkerState from, WorkerState to) {
        assertThat(from.canMoveTo(to)).isTrue();
        assertThat(from.requireMoveTo(to)).isEqualTo(to);
    }

    @Test
    void refusesEveryOtherTransition() {
        List<List<WorkerState>> allowed = allowedTransitions().map(a -> List.of((WorkerState) a.get()[0], (WorkerState) a.get()[1])).toList();
        List<String> wronglyAllowed = new ArrayList<>();
        int refused = 0;
        for (WorkerState from : WorkerState.values()) {
            for (WorkerState to : WorkerState.values()) {
                if (!allowed.contains(List.of(from, to))) {
                    refused++;
                    if (from.canMoveTo(to)) {
                        wronglyAllowed.add(from + "->" + to);
                    }
                }
            }
        }
        assertThat(wronglyAllowed).isEmpty();
        assertThat(refused).isEqualTo(81 - allowed.size());
    }

    @Test
    void aRefusedTransitionIsRejectedWithBothStatesNamed() {
        assertThatThrownBy(() -> COMPLETED.requireMoveTo(RUNNING))
                .isInstanceOf(IllegalTransitionException.class)
                .hasMessageContaining("COMPLETED")
                .hasMessageContaining("RUNNING");
        assertThatThrownBy(() -> PENDING.requireMoveTo(RUNNING)).isInstanceOf(IllegalTransitionException.class);
        assertThatThrownBy(() -> FAILED.requireMoveTo(BACKOFF)).isInstanceOf(IllegalTransitionException.class);
    }

    @Test
    void liveStatesAreThoseWithAnAttemptInFlight() {
        assertThat(WorkerState.LIVE_STATES).containsExactlyInAnyOrder(STARTING, RUNNING, STOPPING);
        assertThat(RUNNING.isLive()).isTrue();
        assertThat(BACKOFF.isLive()).isFalse();
    }

    @Test
    void aWorkerBeginsPendingOrAsItWasRestored() {
        assertThat(WorkerState.FIRST_STATES).containsExactlyInAnyOrder(PENDING, STOPPED, COMPLETED);
        assertThat(WorkerState.requireFirst(PENDING)).isEqualTo(PENDING);
        assertThatThrownBy(() -> WorkerState.requireFirst(RUNNING)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("RUNNING");
    }
}
