package io.covey.host.autoconfigure;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;

import io.covey.core.manifest.CoveyManifest;
import io.covey.host.engine.CoveyManager;
import io.covey.host.engine.DesiredState;
import io.covey.host.engine.launch.WorkerLauncher;
import io.covey.host.state.DesiredStateStore;

/** The manager engine, its lifecycle and its persisted state. */
@AutoConfiguration(afterName = "io.covey.worker.autoconfigure.CoveyWorkerAutoConfiguration")
@EnableConfigurationProperties(CoveyHostProperties.class)
public final class CoveyHostAutoConfiguration {

    @Bean
    @ConditionalOnMissingBean
    DesiredStateStoreHolder coveyDesiredStateStore(CoveyHostProperties properties) {
        if (properties.getStateDir() == null) {
            return new DesiredStateStoreHolder(null, DesiredState.empty());
        }
        DesiredStateStore store = new DesiredStateStore(properties.getStateDir());
        return new DesiredStateStoreHolder(store, store.load());
    }

    @Bean
    @ConditionalOnMissingBean
    CoveyManager coveyManager(ObjectProvider<CoveyManifest> manifest, CoveyHostProperties properties,
                              DesiredStateStoreHolder state, ObjectProvider<WorkerLauncher> foreignLauncher) {
        CoveyManifest workerTypes = manifest.getIfAvailable(() -> {
            throw new IllegalStateException("Covey needs a CoveyManifest bean naming the worker types it may run: "
                    + "set covey.worker.scan-packages, or declare a CoveyManifest bean");
        });
        CoveyManager.Builder builder = CoveyManager.builder(workerTypes)
                .settings(properties.toManagerSettings())
                .foreignLauncher(foreignLauncher.getIfAvailable());
        if (state.store() != null) {
            builder.onDesiredStateChange(state.store()::save);
        }
        return builder.build();
    }

    @Bean
    @ConditionalOnMissingBean
    CoveyManagerLifecycle coveyManagerLifecycle(CoveyManager manager, DesiredStateStoreHolder state) {
        return new CoveyManagerLifecycle(manager, state.store(), state.saved());
    }

    /** The store (null without a state directory) and what it held at startup. */
    public record DesiredStateStoreHolder(DesiredStateStore store, DesiredState saved) {
    }
}
