package io.covey.host.autoconfigure;

import java.util.Set;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.health.actuate.endpoint.HealthEndpointGroupsPostProcessor;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import io.covey.engine.CoveyManager;
import io.covey.engine.foreign.ForeignWorkerLauncher;
import io.covey.engine.foreign.WarmPoolStats;
import io.covey.host.health.CoveyHealthIndicator;
import io.covey.host.health.CoveyReadinessIndicator;
import io.covey.host.health.ReadinessOnlyContributors;
import io.covey.host.metrics.CoveyMetrics;
import io.micrometer.core.instrument.binder.MeterBinder;

/**
 * The {@code covey} health contributor, the {@code coveyReadiness} contributor of the readiness
 * group (kept out of {@code /actuator/health} itself), and Covey's Micrometer meters; each part
 * only where its library is on the class path.
 */
@AutoConfiguration(after = CoveyHostAutoConfiguration.class)
@ConditionalOnBean(CoveyManager.class)
public final class CoveyHostActuatorAutoConfiguration {

    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(HealthIndicator.class)
    static class HealthConfiguration {
        @Bean(name = "coveyHealthIndicator")
        @ConditionalOnMissingBean(name = "coveyHealthIndicator")
        CoveyHealthIndicator coveyHealthIndicator(CoveyManager manager) {
            return new CoveyHealthIndicator(manager);
        }

        @Bean(name = CoveyReadinessIndicator.NAME)
        @ConditionalOnMissingBean(name = CoveyReadinessIndicator.NAME)
        CoveyReadinessIndicator coveyReadinessIndicator(CoveyManager manager) {
            return new CoveyReadinessIndicator(manager);
        }
    }

    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(HealthEndpointGroupsPostProcessor.class)
    static class ReadinessGroupConfiguration {
        @Bean
        @ConditionalOnMissingBean
        ReadinessOnlyContributors coveyReadinessOnlyContributors() {
            return new ReadinessOnlyContributors(Set.of(CoveyReadinessIndicator.NAME));
        }
    }

    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(MeterBinder.class)
    static class MetricsConfiguration {
        @Bean
        @ConditionalOnMissingBean
        CoveyMetrics coveyMetrics(CoveyManager manager, ObjectProvider<ForeignWorkerLauncher> foreignLauncher) {
            ForeignWorkerLauncher launcher = foreignLauncher.getIfAvailable();
            return new CoveyMetrics(manager, launcher == null ? () -> WarmPoolStats.OFF : launcher::warmPoolStats);
        }

        /** Lines the worker log files dropped: a slow or full disk shows here, not as a blocked child. */
        @Bean
        @ConditionalOnBean(io.covey.engine.logfiles.LogFiles.class)
        MeterBinder coveyLogFilesMetrics(io.covey.engine.logfiles.LogFiles logFiles) {
            return registry -> io.micrometer.core.instrument.FunctionCounter.builder("covey.logs.dropped", logFiles,
                            io.covey.engine.logfiles.LogFiles::dropped)
                    .description("Worker log lines not written to their files (queue full, directory at its cap, a failed write)")
                    .register(registry);
        }
    }
}
