package io.covey.host.autoconfigure;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.core.io.ResourceLoader;

import io.covey.core.launch.ChildLaunchSettings;
import io.covey.core.manifest.CoveyManifest;
import io.covey.engine.CoveyManager;
import io.covey.engine.DesiredState;
import io.covey.engine.ExecutorScheduler;
import io.covey.engine.logfiles.LogFiles;
import io.covey.engine.Scheduler;
import io.covey.engine.foreign.ForeignWorkerLauncher;
import io.covey.engine.launch.WorkerLauncher;
import io.covey.host.logging.LifecycleLog;
import io.covey.host.state.DesiredStateStore;
import io.covey.host.workerpath.WorkerJars;
import io.covey.host.workerpath.WorkerPathTypes;

/**
 * The manager engine, its lifecycle and its persisted state. Bean methods only build: the warm
 * pool fills, the saved state is restored and lifecycle logging starts in {@code SmartLifecycle}s.
 * {@code covey.host.enabled=false} turns Covey off (and with it the web and Actuator parts).
 */
@AutoConfiguration(afterName = "io.covey.worker.autoconfigure.CoveyWorkerAutoConfiguration")
@ConditionalOnBooleanProperty(name = "covey.host.enabled", matchIfMissing = true)
@EnableConfigurationProperties(CoveyHostProperties.class)
public final class CoveyHostAutoConfiguration {

    /** Reads the state file here, so that a bad one stops the context before anything starts. */
    @Bean
    @ConditionalOnMissingBean
    DesiredStateStoreHolder coveyDesiredStateStore(CoveyHostProperties properties) {
        if (properties.getStateDir() == null) {
            return new DesiredStateStoreHolder(null, DesiredState.empty());
        }
        DesiredStateStore store = new DesiredStateStore(properties.getStateDir());
        return new DesiredStateStoreHolder(store, store.load());
    }

    /** The worker types of {@code covey.host.worker-path}, from each jar's index. */
    @Bean
    @ConditionalOnProperty(prefix = "covey.host", name = "worker-path")
    @ConditionalOnMissingBean
    WorkerPathTypes coveyWorkerPathTypes(CoveyHostProperties properties, ResourceLoader resourceLoader) {
        return new WorkerPathTypes(properties.getWorkerPath(),
                WorkerJars.classLoaderFor(properties.getWorkerPath(), resourceLoader.getClassLoader()));
    }

    /** Workers' log files under {@code covey.host.log-dir}; the manager closes them after its workers, and so does the context. */
    @Bean
    @ConditionalOnProperty(prefix = "covey.host", name = "log-dir")
    @ConditionalOnMissingBean
    LogFiles coveyLogFiles(CoveyHostProperties properties) throws java.io.IOException {
        return new LogFiles(properties.toLogFileSettings());
    }

    /** The timer thread shared by the engine and the foreign launcher. */
    @Bean
    @ConditionalOnMissingBean(Scheduler.class)
    ExecutorScheduler coveyScheduler() {
        return new ExecutorScheduler();
    }

    /**
     * Launches foreign workers as child JVMs. Children get the lean class path (the child runtime
     * and the worker classes' jars, laid out as files when the host runs from its executable jar),
     * plus the jars of {@code covey.host.worker-path} unless {@code covey.worker.worker-path} names others.
     * Its warm pool fills from {@link ForeignLauncherLifecycle#start()}, not here.
     */
    @Bean
    @ConditionalOnMissingBean(WorkerLauncher.class)
    ForeignWorkerLauncher coveyForeignWorkerLauncher(ChildLaunchSettings settings, Scheduler scheduler,
                                                     CoveyHostProperties properties) {
        ChildLaunchSettings effective = settings.workerPath() == null && properties.getWorkerPath() != null
                ? settings.withWorkerPath(properties.getWorkerPath()) : settings;
        return new ForeignWorkerLauncher(effective, scheduler);
    }

    @Bean
    @ConditionalOnMissingBean
    ForeignLauncherLifecycle coveyForeignLauncherLifecycle(ObjectProvider<ForeignWorkerLauncher> launcher,
                                                           ChildLaunchSettings settings) {
        return new ForeignLauncherLifecycle(launcher.getIfAvailable(), settings);
    }

    @Bean
    @ConditionalOnMissingBean
    CoveyManager coveyManager(ObjectProvider<CoveyManifest> manifest, CoveyHostProperties properties,
                              DesiredStateStoreHolder state, ObjectProvider<WorkerLauncher> foreignLauncher,
                              Scheduler scheduler, ObjectProvider<LogFiles> logFiles) {
        CoveyManifest workerTypes = manifest.getIfAvailable(() -> {
            throw new IllegalStateException("Covey needs a CoveyManifest bean naming the worker types it may run: "
                    + "set covey.worker.scan-packages, or declare a CoveyManifest bean");
        });
        long savedSeq = state.store() == null ? 0 : state.store().loadedEventSeq();
        CoveyManager.Builder builder = CoveyManager.builder(workerTypes)
                .settings(properties.toManagerSettings())
                .eventLimits(properties.toEventLimits())
                .scheduler(scheduler)
                .eventSeqAfter(firstEventSeqBase(savedSeq, System.currentTimeMillis()))
                .logFiles(logFiles.getIfAvailable());
        WorkerLauncher launcher = foreignLauncher.getIfAvailable();
        if (launcher == null) {
            builder.noForeignChildren();
        } else {
            builder.foreignLauncher(launcher); // a bean: the context closes it, after the manager
        }
        if (state.store() == null) {
            return builder.build();
        }
        // Save our event numbering with every write.
        CoveyManager manager = builder.onDesiredStateChange(state.store()::save).build();
        state.store().trackEventSeq(manager.journal()::lastSeq);
        return manager;
    }

    /**
     * Where this run's event numbering starts: after the saved run's last seq, and never below the
     * time in microseconds. Clients resume with {@code since=<the last seq they saw>} and drop what
     * is not newer; a run that numbered from 1 again (no state dir, or a saved seq behind the real
     * one after a kill -9) would have its first events dropped as already seen. Starting above
     * every earlier run's seqs, the new run answers such a client with a gap instead. Microseconds
     * stay ahead of any run that published less than one event per microsecond on average, and stay
     * exact in JSON numbers read as doubles (the dashboard) until the year 2255.
     */
    static long firstEventSeqBase(long savedSeq, long nowMillis) {
        return Math.max(savedSeq, Math.multiplyExact(nowMillis, 1000L));
    }

    @Bean
    @ConditionalOnMissingBean
    CoveyManagerLifecycle coveyManagerLifecycle(CoveyManager manager, DesiredStateStoreHolder state) {
        return new CoveyManagerLifecycle(manager, state.store(), state.saved());
    }

    @Bean
    @ConditionalOnMissingBean
    LifecycleLog coveyLifecycleLog(CoveyManager manager) {
        return new LifecycleLog(manager);
    }

    /** The store (null without a state directory) and what it held at startup. */
    public record DesiredStateStoreHolder(DesiredStateStore store, DesiredState saved) {
    }
}
