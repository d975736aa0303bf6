package io.covey.host.autoconfigure;

import java.time.Clock;
import java.time.Duration;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;

import io.covey.engine.CoveyManager;
import io.covey.host.groupsfile.GroupsFileApplier;
import io.covey.host.groupsfile.GroupsFileLifecycle;
import io.covey.host.health.GroupsFileHealthIndicator;

/** The groups file ({@code covey.host.groups-file}): applied at start, on change and on reload, and in the health details. */
@AutoConfiguration(after = CoveyHostAutoConfiguration.class)
@ConditionalOnBean(CoveyManager.class)
@ConditionalOnProperty(prefix = "covey.host", name = "groups-file")
public final class CoveyHostGroupsFileAutoConfiguration {
    /** How long the file's directory must be quiet after a change before the file is read. */
    static final Duration QUIET = Duration.ofMillis(200);

    @Bean
    @ConditionalOnMissingBean
    GroupsFileApplier coveyGroupsFileApplier(CoveyManager manager, CoveyHostProperties properties) {
        return new GroupsFileApplier(properties.getGroupsFile(), manager, properties.getStateDir(), Clock.systemUTC());
    }

    @Bean
    @ConditionalOnMissingBean
    GroupsFileLifecycle coveyGroupsFileLifecycle(GroupsFileApplier applier, CoveyHostProperties properties) {
        return new GroupsFileLifecycle(applier, properties.isGroupsFileWatch(), QUIET);
    }

    @Bean(name = "coveyGroupsFile")
    @ConditionalOnClass(name = "org.springframework.boot.health.contributor.HealthIndicator")
    @ConditionalOnMissingBean(name = "coveyGroupsFile")
    GroupsFileHealthIndicator coveyGroupsFileHealthIndicator(GroupsFileApplier applier) {
        return new GroupsFileHealthIndicator(applier);
    }
}
