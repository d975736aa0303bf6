package io.covey.worker.child;

import io.covey.core.api.InvalidSpecException;
import io.covey.core.api.UnknownWorkerTypeException;
import io.covey.core.manifest.CoveyManifest;
import io.covey.core.protocol.ControlMessage;
import io.covey.core.worker.CoveyWorker;

/**
 * Builds the worker the host asked for. The host only ever names declared types; the child
 * checks that the class it finds still declares that type name before constructing it.
 */
final class WorkerFactory {
    private WorkerFactory() {
    }

    static CoveyWorker<?> create(ControlMessage.Welcome welcome) throws Throwable {
        Class<?> workerClass = Class.forName(welcome.workerClass(), true, Thread.currentThread().getContextClassLoader());
        return CoveyManifest.builder().add(workerClass).build().require(welcome.workerType()).instantiate(welcome.params());
    }

    static String describeCreationFailure(ControlMessage.Welcome welcome, Throwable t) {
        if (t instanceof ClassNotFoundException || t instanceof NoClassDefFoundError) {
            return "the worker class " + welcome.workerClass() + " is not on the child's class path ("
                    + ChildWorkerRun.describe(t) + ")";
        }
        if (t instanceof UnknownWorkerTypeException || t instanceof InvalidSpecException) {
            return "cannot build worker type '" + welcome.workerType() + "': " + t.getMessage();
        }
        if (t instanceof IllegalArgumentException && t.getStackTrace().length > 0
                && t.getStackTrace()[0].getClassName().startsWith("io.covey.core.manifest")) {
            return "cannot build worker type '" + welcome.workerType() + "': " + t.getMessage();
        }
        return "the worker's constructor threw " + ChildWorkerRun.describe(t);
    }
}
