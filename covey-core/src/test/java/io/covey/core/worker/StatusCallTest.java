package io.covey.core.worker;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

import io.covey.core.lifecycle.WorkerState;

class StatusCallTest {

    @Test
    void everyCallNamesTheStateOfTheSameNameAndOnlyTheEndingOnesAreTerminal() {
        for (StatusCall call : StatusCall.values()) {
            assertThat(call.state()).isEqualTo(WorkerState.valueOf(call.name()));
        }
        assertThat(StatusCall.values()).filteredOn(StatusCall::isTerminal)
                .containsExactly(StatusCall.COMPLETED, StatusCall.CRASHED, StatusCall.STOPPED, StatusCall.FAILED);
    }
}
