package io.covey.core.worker;

/** How a worker class gets its type name: {@link CoveyWorkerType} if present, else its simple name. */
public final class WorkerTypeNames {
    private WorkerTypeNames() {
    }

    public static String of(Class<?> workerClass) {
        CoveyWorkerType annotation = workerClass.getAnnotation(CoveyWorkerType.class);
        if (annotation != null && !annotation.value().isBlank()) {
            return annotation.value();
        }
        return workerClass.getSimpleName();
    }
}
