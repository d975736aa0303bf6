package io.covey.core.manifest;

import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Modifier;
import java.lang.reflect.Type;

import io.covey.core.api.InvalidParamsException;
import io.covey.core.api.InvalidSpecException;
import io.covey.core.json.CoveyJson;
import io.covey.core.json.JsonErrors;
import io.covey.core.worker.CoveyWorker;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JavaType;
import tools.jackson.databind.JsonNode;

/**
 * A declared worker type: its name, its class and how to build an instance from JSON params.
 * The class needs a public constructor taking the params, or a public no-argument one for a
 * worker without params.
 */
public final class WorkerType {
    private final String name;
    private final Class<? extends CoveyWorker<?>> workerClass;
    private final Constructor<?> constructor;
    private final JavaType paramsType;

    WorkerType(String name, Class<? extends CoveyWorker<?>> workerClass) {
        this.name = name;
        this.workerClass = workerClass;
        if (Modifier.isAbstract(workerClass.getModifiers())) {
            throw new IllegalArgumentException("worker class " + workerClass.getName() + " is abstract");
        }
        this.constructor = findConstructor(workerClass);
        Type[] parameters = constructor.getGenericParameterTypes();
        this.paramsType = parameters.length == 1 ? CoveyJson.mapper().constructType(parameters[0]) : null;
    }

    private static Constructor<?> findConstructor(Class<?> workerClass) {
        Constructor<?> noArgs = null;
        for (Constructor<?> candidate : workerClass.getConstructors()) {
            if (candidate.getParameterCount() == 1) {
                return candidate;
            }
            if (candidate.getParameterCount() == 0) {
                noArgs = candidate;
            }
        }
        if (noArgs == null) {
            throw new IllegalArgumentException("worker class " + workerClass.getName()
                    + " needs a public constructor taking its params (or a public no-argument constructor)");
        }
        return noArgs;
    }

    public String name() {
        return name;
    }

    public Class<? extends CoveyWorker<?>> workerClass() {
        return workerClass;
    }

    /**
     * The params as the worker's params type, or an {@link InvalidSpecException} saying what
     * does not fit. Used to refuse a declaration before anything starts.
     */
    public Object parseParams(JsonNode params) {
        if (paramsType == null) {
            if (params != null && !params.isNull() && !params.isEmpty()) {
                throw new InvalidSpecException("worker type '" + name + "' takes no params, but got " + params);
            }
            return null;
        }
        try {
            return CoveyJson.paramsMapper().treeToValue(params, paramsType);
        } catch (JacksonException e) {
            String field = JsonErrors.path(e);
            throw new InvalidParamsException(name, field, "params do not fit worker type '" + name + "': "
                    + JsonErrors.describe(e, params));
        } catch (IllegalArgumentException e) {
            throw new InvalidParamsException(name, "", "params do not fit worker type '" + name + "': " + e.getMessage());
        }
    }

    /**
     * Checks the params as the worker will get them: bound strictly ({@link #parseParams}), then
     * given to the worker's constructor, whose exception refuses them with its message. The
     * instance is thrown away: a constructor should only check its params (resources belong in
     * {@code runWorker()}), since it runs here, at declaration, in the manager's JVM with the
     * class's own loader, for foreign workers too.
     */
    public void checkParams(JsonNode params) {
        Object parsed = parseParams(params);
        Thread thread = Thread.currentThread();
        ClassLoader before = thread.getContextClassLoader();
        thread.setContextClassLoader(workerClass.getClassLoader());
        try {
            if (paramsType == null) {
                constructor.newInstance();
            } else {
                constructor.newInstance(parsed);
            }
        } catch (InvocationTargetException e) {
            Throwable cause = e.getCause();
            String why = cause.getMessage() == null || cause.getMessage().isBlank() ? cause.getClass().getSimpleName()
                    : cause.getMessage();
            throw new InvalidParamsException(name, "", "worker type '" + name + "' refused these params: "
                    + io.covey.core.text.SafeText.of(why));
        } catch (ReflectiveOperationException | RuntimeException | LinkageError e) {
            throw new InvalidParamsException(name, "", "worker type '" + name + "' cannot be built from these params: " + e);
        } finally {
            thread.setContextClassLoader(before);
        }
    }

    /** The Java type the params are read into, or null for a worker without params. */
    public JavaType paramsType() {
        return paramsType;
    }

    /**
     * Builds what reading the params takes (Jackson's deserializer for the params type) ahead of
     * the first instance, for a child that prepares while it waits for its worker.
     */
    public void prepareParams() {
        if (paramsType != null) {
            CoveyJson.paramsMapper().readerFor(paramsType);
        }
    }

    /**
     * A new instance built from the params. Exceptions from the worker's own constructor come
     * out unwrapped, so the caller can report the worker's reason.
     */
    public CoveyWorker<?> instantiate(JsonNode params) throws Throwable {
        Object parsed = parseParams(params);
        try {
            Object instance = paramsType == null ? constructor.newInstance() : constructor.newInstance(parsed);
            return (CoveyWorker<?>) instance;
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
    }

    @Override
    public String toString() {
        return name + " (" + workerClass.getName() + ")";
    }
}
