package io.covey.child;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import io.covey.core.api.InvalidSpecException;
import io.covey.core.api.UnknownWorkerTypeException;
import io.covey.core.manifest.CoveyManifest;
import io.covey.core.manifest.WorkerType;
import io.covey.core.protocol.ControlMessage;
import io.covey.core.worker.CoveyWorker;
import io.covey.core.worker.WorkerAttempt;

/**
 * Builds the worker the host asked for. The host only ever names declared types; the child
 * checks that the class it finds still declares that type name before constructing it.
 */
final class WorkerFactory {
    private static final Map<String, CoveyManifest> PRELOADED = new ConcurrentHashMap<>();

    private WorkerFactory() {
    }

    /**
     * Builds the worker and tells it which instance it is; the child runs this one worker, so the
     * index is also its JVM's system property {@value CoveyWorker#INSTANCE_PROPERTY} (set before the
     * constructor runs, for code that reads it there). Not an environment variable: a warm child
     * was started before anyone knew which worker it would run.
     */
    static CoveyWorker<?> create(ControlMessage.Welcome welcome) throws Throwable {
        CoveyManifest manifest = PRELOADED.get(welcome.workerClass());
        if (manifest == null) {
            Class<?> workerClass = Class.forName(welcome.workerClass(), true, Thread.currentThread().getContextClassLoader());
            manifest = CoveyManifest.builder().add(workerClass).build();
        }
        System.setProperty(CoveyWorker.INSTANCE_PROPERTY, Integer.toString(welcome.instance()));
        CoveyWorker<?> worker = manifest.require(welcome.workerType()).instantiate(welcome.params());
        worker.attachInstance(welcome.instance());
        return worker;
    }

    /**
     * Loads and links these worker classes and prepares reading their params, ahead of need: what a
     * warm child does while it waits, so that its assignment only constructs the worker. Classes
     * are not initialized (no worker code runs before the worker is chosen); one that cannot be
     * loaded is skipped here and reported by {@link #create} if it is ever assigned.
     */
    static void preload(String commaSeparatedClassNames) {
        ClassLoader loader = Thread.currentThread().getContextClassLoader();
        for (String name : commaSeparatedClassNames.split(",")) {
            if (name.isBlank()) {
                continue;
            }
            try {
                CoveyManifest manifest = CoveyManifest.builder().add(Class.forName(name.strip(), false, loader)).build();
                manifest.types().forEach(WorkerType::prepareParams);
                PRELOADED.put(name.strip(), manifest);
            } catch (Throwable t) { // LinkageErrors included: this is only a head start
                System.err.println("covey-child: could not preload the worker class " + name.strip() + ": " + t);
            }
        }
    }

    static String describeCreationFailure(ControlMessage.Welcome welcome, Throwable t) {
        if (t instanceof NoClassDefFoundError missing && missing.getMessage() != null
                && !missing.getMessage().replace('/', '.').equals(welcome.workerClass())) {
            // The worker class loaded, a class it needs did not: a library the lean class path lacks.
            return "the worker class " + welcome.workerClass() + " needs " + missing.getMessage().replace('/', '.')
                    + ", which is not on the child's class path: put its jar in the worker path, or set"
                    + " covey.worker.extra-class-path, or covey.worker.inherit-class-path=true to give children"
                    + " the host's class path";
        }
        if (t instanceof ClassNotFoundException || t instanceof NoClassDefFoundError) {
            return "the worker class " + welcome.workerClass() + " is not on the child's class path ("
                    + WorkerAttempt.describe(t) + ")";
        }
        if (t instanceof UnknownWorkerTypeException || t instanceof InvalidSpecException) {
            return "cannot build worker type '" + welcome.workerType() + "': " + t.getMessage();
        }
        if (t instanceof IllegalArgumentException && t.getStackTrace().length > 0
                && t.getStackTrace()[0].getClassName().startsWith("io.covey.core.manifest")) {
            return "cannot build worker type '" + welcome.workerType() + "': " + t.getMessage();
        }
        return "the worker's constructor threw " + WorkerAttempt.describe(t);
    }
}
