package io.covey.host.health;

import java.util.LinkedHashMap;
import java.util.Map;

import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;

import io.covey.core.api.GroupDiff;
import io.covey.host.groupsfile.GroupsFileApplier;
import io.covey.host.groupsfile.GroupsFileOutcome;

/**
 * The groups file in the health details: when it was last applied and with which groups, and,
 * when the last reading failed, why. A broken file changes nothing, so it does not make the host
 * DOWN: the groups it declared before keep running.
 */
public final class GroupsFileHealthIndicator implements HealthIndicator {
    private final GroupsFileApplier applier;

    public GroupsFileHealthIndicator(GroupsFileApplier applier) {
        this.applier = applier;
    }

    @Override
    public Health health() {
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("file", applier.file().toString());
        GroupsFileOutcome success = applier.lastSuccess();
        if (success != null) {
            details.put("appliedAt", success.time().toString());
            details.put("appliedOn", success.trigger());
            details.put("groupsChanged", success.groups().stream().map(GroupDiff::group).toList());
        }
        GroupsFileOutcome last = applier.lastOutcome();
        if (last != null && !last.applied()) {
            details.put("error", last.error());
            details.put("errorAt", last.time().toString());
        }
        return Health.up().withDetails(details).build();
    }
}
