package io.covey.core.manifest;

/**
 * Loads a worker class far enough to know it can run: loaded and linked, with the types of its
 * constructors, methods and fields resolved (so a dependency missing from the class path shows
 * now, not when a worker starts). Static initialisers do not run: no worker code runs before a
 * worker is declared.
 */
final class WorkerClassLoading {
    private WorkerClassLoading() {
    }

    static Class<?> load(String className, ClassLoader loader) throws ClassNotFoundException {
        Class<?> type = Class.forName(className, false, loader);
        type.getDeclaredConstructors();
        type.getDeclaredMethods();
        type.getDeclaredFields();
        return type;
    }

    /**
     * Why a class did not load, naming what is missing.
     *
     * @param origin where the class was looked for (a jar's name), or null
     */
    static String describe(String className, String origin, Throwable failure) {
        String subject = "its class " + className + (origin == null ? "" : " (in " + origin + ")");
        if (failure instanceof ClassNotFoundException) {
            return "its class " + className + " is not there" + (origin == null ? "" : " (the index of " + origin + " names it)");
        }
        if (failure instanceof NoClassDefFoundError missing) {
            String needed = String.valueOf(missing.getMessage()).replace('/', '.');
            return subject + " needs " + needed + ", which is not on the class path: put the jar that holds it beside the"
                    + " worker jar";
        }
        if (failure instanceof LinkageError) {
            return subject + " cannot be linked (built against other versions of its dependencies?): " + failure;
        }
        return subject + " cannot be used: " + failure.getMessage();
    }
}
