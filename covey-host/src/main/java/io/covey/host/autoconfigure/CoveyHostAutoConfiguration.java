package io.covey.host.autoconfigure;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;

import io.covey.core.manifest.CoveyManifest;
import io.covey.engine.CoveyManager;
import io.covey.engine.DesiredState;
import io.covey.engine.ExecutorScheduler;
import io.covey.engine.Scheduler;
import io.covey.engine.foreign.ForeignWorkerLauncher;
import io.covey.engine.launch.WorkerLauncher;
import io.covey.core.launch.ChildLaunchSettings;
import io.covey.host.state.DesiredStateStore;

/** The manager engine, its lifecycle and its persisted state. */
@AutoConfiguration(afterName = "io.covey.worker.autoconfigure.CoveyWorkerAutoConfiguration")
@EnableConfigurationProperties(CoveyHostProperties.class)
public final class CoveyHostAutoConfiguration {
    private static final System.Logger LOG = System.getLogger(CoveyHostAutoConfiguration.class.getName());

    @Bean
    @ConditionalOnMissingBean
    DesiredStateStoreHolder coveyDesiredStateStore(CoveyHostProperties properties) {
        if (properties.getStateDir() == null) {
            return new DesiredStateStoreHolder(null, DesiredState.empty());
        }
        DesiredStateStore store = new DesiredStateStore(properties.getStateDir());
        return new DesiredStateStoreHolder(store, store.load());
    }

    /** The timer thread shared by the engine and the foreign launcher. */
    @Bean
    @ConditionalOnMissingBean(Scheduler.class)
    ExecutorScheduler coveyScheduler() {
        return new ExecutorScheduler();
    }

    /**
     * Launches foreign workers as child JVMs. Children get the host's class path, plus the jars
     * of {@code covey.host.worker-path} unless {@code covey.worker.worker-path} names others.
     */
    @Bean
    @ConditionalOnMissingBean(WorkerLauncher.class)
    ForeignWorkerLauncher coveyForeignWorkerLauncher(ChildLaunchSettings settings, Scheduler scheduler,
                                                     CoveyHostProperties properties, ObjectProvider<CoveyManifest> manifest) {
        ChildLaunchSettings effective = settings.workerPath() == null && properties.getWorkerPath() != null
                ? settings.withWorkerPath(properties.getWorkerPath()) : settings;
        warnIfChildrenCannotUseTheClassPath(effective);
        ForeignWorkerLauncher launcher = new ForeignWorkerLauncher(effective, scheduler);
        manifest.ifAvailable(launcher::prepareFor); // before the pool starts, so that every warm child loads the worker classes
        launcher.prestart(); // the warm pool (covey.worker.warm-pool.size) fills in the background from now on
        return launcher;
    }

    private static void warnIfChildrenCannotUseTheClassPath(ChildLaunchSettings settings) {
        String classPath = System.getProperty("java.class.path", "");
        if (settings.classPath().isEmpty() && !classPath.contains(java.io.File.pathSeparator) && classPath.endsWith(".jar")
                && isNestedJar(classPath)) {
            LOG.log(System.Logger.Level.WARNING, "the host runs from the executable jar " + classPath + ", whose nested jars"
                    + " a child JVM cannot use: foreign workers will fail to start. Unpack it first (java -Djarmode=tools -jar "
                    + classPath + " extract) and run the unpacked jar, or set covey.worker.class-path");
        }
    }

    private static boolean isNestedJar(String jar) {
        try (java.util.jar.JarFile file = new java.util.jar.JarFile(jar)) {
            return file.getEntry("BOOT-INF/lib/") != null || file.getEntry("BOOT-INF/classes/") != null;
        } catch (java.io.IOException e) {
            return false;
        }
    }

    @Bean
    @ConditionalOnMissingBean
    CoveyManager coveyManager(ObjectProvider<CoveyManifest> manifest, CoveyHostProperties properties,
                              DesiredStateStoreHolder state, ObjectProvider<WorkerLauncher> foreignLauncher,
                              Scheduler scheduler) {
        CoveyManifest workerTypes = manifest.getIfAvailable(() -> {
            throw new IllegalStateException("Covey needs a CoveyManifest bean naming the worker types it may run: "
                    + "set covey.worker.scan-packages, or declare a CoveyManifest bean");
        });
        long savedSeq = state.store() == null ? 0 : state.store().loadedEventSeq();
        CoveyManager.Builder builder = CoveyManager.builder(workerTypes)
                .settings(properties.toManagerSettings())
                .scheduler(scheduler)
                .eventSeqAfter(firstEventSeqBase(savedSeq, System.currentTimeMillis()));
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

    /** The store (null without a state directory) and what it held at startup. */
    public record DesiredStateStoreHolder(DesiredStateStore store, DesiredState saved) {
    }
}
