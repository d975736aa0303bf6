package io.covey.worker.autoconfigure;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

import io.covey.core.manifest.UnavailableWorkerType;
import io.covey.core.worker.CoveyWorker;
import io.covey.core.worker.CoveyWorkerType;
import org.springframework.beans.factory.annotation.AnnotatedBeanDefinition;
import org.springframework.beans.factory.config.BeanDefinition;
import org.springframework.context.annotation.ClassPathScanningCandidateComponentProvider;
import org.springframework.core.env.Environment;
import org.springframework.core.io.ResourceLoader;
import org.springframework.core.type.AnnotationMetadata;
import org.springframework.core.type.filter.AnnotationTypeFilter;
import org.springframework.util.ClassUtils;

/**
 * Finds the classes annotated {@link CoveyWorkerType} in some packages. Only directly
 * annotated classes count (the annotation is not {@code @Inherited}), so a base class shared
 * by several workers is not picked up by accident.
 */
final class WorkerTypeScanner {
    private final Environment environment;
    private final ResourceLoader resourceLoader;

    WorkerTypeScanner(Environment environment, ResourceLoader resourceLoader) {
        this.environment = environment;
        this.resourceLoader = resourceLoader;
    }

    /**
     * The annotated worker classes in these packages (and their sub-packages), sorted by name so
     * the manifest and its error messages do not depend on class path order, and those that did
     * not load (a missing dependency), as unavailable types with the reason.
     *
     * @throws IllegalStateException if an annotated class does not extend {@link CoveyWorker}
     */
    Scan scan(List<String> packages) {
        ClassPathScanningCandidateComponentProvider provider = newProvider();
        List<Class<?>> found = new ArrayList<>();
        List<UnavailableWorkerType> unavailable = new ArrayList<>();
        for (String basePackage : packages) {
            for (BeanDefinition candidate : provider.findCandidateComponents(basePackage)) {
                String className = candidate.getBeanClassName();
                try {
                    Class<?> type = load(className);
                    if (!found.contains(type)) {
                        found.add(type);
                    }
                } catch (ClassNotFoundException | LinkageError e) {
                    unavailable.add(new UnavailableWorkerType(typeName(candidate, className), className,
                            "its class " + className + " cannot load: " + e + " (a dependency missing from the class path?)"));
                }
            }
        }
        found.sort(Comparator.comparing(Class::getName));
        return new Scan(found, unavailable);
    }

    /** What a scan found: classes that load, and annotated classes that do not. */
    record Scan(List<Class<?>> workerClasses, List<UnavailableWorkerType> unavailable) {
    }

    /** The type name as the class would give it, read from its bytes (the class itself did not load). */
    private static String typeName(BeanDefinition candidate, String className) {
        if (candidate instanceof AnnotatedBeanDefinition annotated) {
            Map<String, Object> attributes = annotated.getMetadata().getAnnotationAttributes(CoveyWorkerType.class.getName());
            Object value = attributes == null ? null : attributes.get("value");
            if (value instanceof String name && !name.isBlank()) {
                return name;
            }
        }
        return className.substring(Math.max(className.lastIndexOf('.'), className.lastIndexOf('$')) + 1);
    }

    private ClassPathScanningCandidateComponentProvider newProvider() {
        ClassPathScanningCandidateComponentProvider provider =
                new ClassPathScanningCandidateComponentProvider(false, environment) {
                    // The default accepts only concrete top-level classes, silently skipping an
                    // abstract or interface type that carries the annotation; take every class
                    // so the manifest builder can say what is wrong with it.
                    @Override
                    protected boolean isCandidateComponent(AnnotatedBeanDefinition definition) {
                        AnnotationMetadata metadata = definition.getMetadata();
                        return !metadata.isAnnotation();
                    }
                };
        provider.setResourceLoader(resourceLoader);
        provider.addIncludeFilter(new AnnotationTypeFilter(CoveyWorkerType.class, false));
        return provider;
    }

    private Class<?> load(String className) throws ClassNotFoundException {
        Class<?> type = ClassUtils.forName(className, resourceLoader.getClassLoader());
        // Linked, with its signatures resolved: a dependency missing from the class path shows now.
        type.getDeclaredConstructors();
        type.getDeclaredMethods();
        type.getDeclaredFields();
        // The scan matched the annotation only; a class that carries it but is no worker is a
        // mistake worth failing on, not something to skip.
        if (!CoveyWorker.class.isAssignableFrom(type)) {
            throw new IllegalStateException(type.getName() + " is annotated @CoveyWorkerType but does not extend "
                    + CoveyWorker.class.getName() + "; extend it or remove the annotation");
        }
        return type;
    }
}
