package io.covey.host.autoconfigure;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;

import io.covey.engine.CoveyManager;
import java.util.Set;

import io.covey.engine.foreign.ForeignWorkerLauncher;
import io.covey.engine.foreign.WarmPoolStats;
import io.covey.host.health.CoveyHealthIndicator;
import io.covey.host.health.CoveyReadinessIndicator;
import io.covey.host.health.ReadinessOnlyContributors;
import io.covey.host.metrics.CoveyMetrics;

/**
 * The {@code covey} health contributor, the {@code coveyReadiness} contributor of the readiness
 * group (kept out of {@code /actuator/health} itself), and Covey's Micrometer meters.
 */
@AutoConfiguration(after = CoveyHostAutoConfiguration.class)
@ConditionalOnBean(CoveyManager.class)
public final class CoveyHostActuatorAutoConfiguration {

    @Bean(name = "coveyHealthIndicator")
    @ConditionalOnClass(name = "org.springframework.boot.health.contributor.HealthIndicator")
    @ConditionalOnMissingBean(name = "coveyHealthIndicator")
    CoveyHealthIndicator coveyHealthIndicator(CoveyManager manager) {
        return new CoveyHealthIndicator(manager);
    }

    @Bean(name = CoveyReadinessIndicator.NAME)
    @ConditionalOnClass(name = "org.springframework.boot.health.contributor.HealthIndicator")
    @ConditionalOnMissingBean(name = CoveyReadinessIndicator.NAME)
    CoveyReadinessIndicator coveyReadinessIndicator(CoveyManager manager) {
        return new CoveyReadinessIndicator(manager);
    }

    @Bean
    @ConditionalOnClass(name = "org.springframework.boot.health.actuate.endpoint.HealthEndpointGroupsPostProcessor")
    @ConditionalOnMissingBean
    ReadinessOnlyContributors coveyReadinessOnlyContributors() {
        return new ReadinessOnlyContributors(Set.of(CoveyReadinessIndicator.NAME));
    }

    @Bean
    @ConditionalOnClass(name = "io.micrometer.core.instrument.binder.MeterBinder")
    @ConditionalOnMissingBean
    CoveyMetrics coveyMetrics(CoveyManager manager, ObjectProvider<ForeignWorkerLauncher> foreignLauncher) {
        ForeignWorkerLauncher launcher = foreignLauncher.getIfAvailable();
        return new CoveyMetrics(manager, launcher == null ? () -> WarmPoolStats.OFF : launcher::warmPoolStats);
    }
}
