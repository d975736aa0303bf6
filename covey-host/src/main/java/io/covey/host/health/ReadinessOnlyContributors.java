package io.covey.host.health;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

import org.springframework.boot.actuate.endpoint.SecurityContext;
import org.springframework.boot.health.actuate.endpoint.AdditionalHealthEndpointPath;
import org.springframework.boot.health.actuate.endpoint.HealthEndpointGroup;
import org.springframework.boot.health.actuate.endpoint.HealthEndpointGroups;
import org.springframework.boot.health.actuate.endpoint.HealthEndpointGroupsPostProcessor;
import org.springframework.boot.health.actuate.endpoint.HttpCodeStatusMapper;
import org.springframework.boot.health.actuate.endpoint.StatusAggregator;

/**
 * Keeps readiness-only contributors out of {@code /actuator/health} itself. Every contributor is
 * a member of the primary group, and Boot has no setting to leave one out; but a critical worker
 * that is still starting means "do not send traffic yet", not "this host is broken", so it must
 * not turn the host's own health (which container health checks watch) DOWN. The named groups,
 * readiness among them, are left as configured.
 */
public final class ReadinessOnlyContributors implements HealthEndpointGroupsPostProcessor {
    private final Set<String> readinessOnly;

    public ReadinessOnlyContributors(Set<String> readinessOnly) {
        this.readinessOnly = Set.copyOf(readinessOnly);
    }

    @Override
    public HealthEndpointGroups postProcessHealthEndpointGroups(HealthEndpointGroups groups) {
        Map<String, HealthEndpointGroup> named = new LinkedHashMap<>();
        groups.getNames().forEach(name -> named.put(name, groups.get(name)));
        return HealthEndpointGroups.of(new Without(groups.getPrimary()), named);
    }

    private final class Without implements HealthEndpointGroup {
        private final HealthEndpointGroup primary;

        Without(HealthEndpointGroup primary) {
            this.primary = primary;
        }

        @Override
        public boolean isMember(String name) {
            return !readinessOnly.contains(name) && primary.isMember(name);
        }

        @Override
        public boolean showComponents(SecurityContext securityContext) {
            return primary.showComponents(securityContext);
        }

        @Override
        public boolean showDetails(SecurityContext securityContext) {
            return primary.showDetails(securityContext);
        }

        @Override
        public StatusAggregator getStatusAggregator() {
            return primary.getStatusAggregator();
        }

        @Override
        public HttpCodeStatusMapper getHttpCodeStatusMapper() {
            return primary.getHttpCodeStatusMapper();
        }

        @Override
        public AdditionalHealthEndpointPath getAdditionalPath() {
            return primary.getAdditionalPath();
        }
    }
}
