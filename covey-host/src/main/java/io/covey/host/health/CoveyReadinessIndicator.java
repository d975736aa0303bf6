package io.covey.host.health;

import java.util.ArrayList;
import java.util.List;

import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;

import io.covey.core.api.CoveyOperations;
import io.covey.core.api.GroupStatus;
import io.covey.core.api.WorkerStatus;
import io.covey.core.lifecycle.WorkerState;

/**
 * Whether the host is ready for traffic as far as its workers go: UP when every declared worker
 * with {@code critical: true} is RUNNING or COMPLETED, OUT_OF_SERVICE otherwise, naming the
 * ones that are not. Non-critical workers never count. Part of the readiness group only (see
 * {@link ReadinessOnlyContributors}); reads recorded states only.
 */
public final class CoveyReadinessIndicator implements HealthIndicator {
    /** The contributor's name, as the readiness group includes it. */
    public static final String NAME = "coveyReadiness";

    private final CoveyOperations covey;

    public CoveyReadinessIndicator(CoveyOperations covey) {
        this.covey = covey;
    }

    @Override
    public Health health() {
        int critical = 0;
        List<String> notReady = new ArrayList<>();
        for (GroupStatus group : covey.groups()) {
            for (WorkerStatus worker : group.workers()) {
                if (worker.critical()) {
                    critical++;
                    if (worker.state() != WorkerState.RUNNING && worker.state() != WorkerState.COMPLETED) {
                        notReady.add(worker.id() + " (" + worker.state() + ")");
                    }
                }
            }
        }
        Health.Builder builder = notReady.isEmpty() ? Health.up() : Health.outOfService().withDetail("notReady", notReady);
        return builder.withDetail("criticalWorkers", critical).build();
    }
}
