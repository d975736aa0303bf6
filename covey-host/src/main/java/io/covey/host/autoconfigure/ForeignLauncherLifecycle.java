package io.covey.host.autoconfigure;

import java.io.File;
import java.io.IOException;
import java.util.jar.JarFile;

import org.springframework.context.SmartLifecycle;

import io.covey.core.launch.ChildLaunchSettings;
import io.covey.engine.foreign.ForeignWorkerLauncher;

/**
 * Starts the foreign launcher's warm pool (covey.worker.warm-pool.size child JVMs) with the
 * application rather than when the bean is built, so a context that only gets built (a test, a
 * failed startup) starts no process. Stopping needs nothing here: the launcher is a bean, and the
 * context closes it after the manager stopped its workers.
 */
public final class ForeignLauncherLifecycle implements SmartLifecycle {
    private static final System.Logger LOG = System.getLogger(ForeignLauncherLifecycle.class.getName());

    private final ForeignWorkerLauncher launcher;
    private final ChildLaunchSettings settings;
    private volatile boolean running;

    /** @param launcher the launcher, or null when the application launches foreign workers its own way */
    public ForeignLauncherLifecycle(ForeignWorkerLauncher launcher, ChildLaunchSettings settings) {
        this.launcher = launcher;
        this.settings = settings;
    }

    @Override
    public void start() {
        if (launcher != null) {
            warnIfChildrenCannotUseTheClassPath();
            launcher.prestart(); // the manager was built, so the launcher knows the worker classes to warm
        }
        running = true;
    }

    @Override
    public void stop() {
        running = false;
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    /** With the manager's lifecycle: after the beans are built, before the web server takes requests. */
    @Override
    public int getPhase() {
        return CoveyManagerLifecycle.PHASE;
    }

    private void warnIfChildrenCannotUseTheClassPath() {
        String classPath = System.getProperty("java.class.path", "");
        if (settings.classPath().isEmpty() && !classPath.contains(File.pathSeparator) && classPath.endsWith(".jar")
                && isNestedJar(classPath)) {
            LOG.log(System.Logger.Level.WARNING, "the host runs from the executable jar " + classPath + ", whose nested jars"
                    + " a child JVM cannot use: foreign workers will fail to start. Unpack it first (java -Djarmode=tools -jar "
                    + classPath + " extract) and run the unpacked jar, or set covey.worker.class-path");
        }
    }

    private static boolean isNestedJar(String jar) {
        try (JarFile file = new JarFile(jar)) {
            return file.getEntry("BOOT-INF/lib/") != null || file.getEntry("BOOT-INF/classes/") != null;
        } catch (IOException e) {
            return false;
        }
    }
}
