package io.covey.worker.autoconfigure;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

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
     * the manifest and its error messages do not depend on class path order.
     *
     * @throws IllegalStateException if an annotated class does not extend {@link CoveyWorker}
     */
    List<Class<?>> scan(List<String> packages) {
        ClassPathScanningCandidateComponentProvider provider = newProvider();
        List<Class<?>> found = new ArrayList<>();
        for (String basePackage : packages) {
            for (BeanDefinition candidate : provider.findCandidateComponents(basePackage)) {
                Class<?> type = load(candidate.getBeanClassName());
                if (!found.contains(type)) {
                    found.add(type);
                }
            }
        }
        found.sort(Comparator.comparing(Class::getName));
        return found;
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

    private Class<?> load(String className) {
        Class<?> type;
        try {
            type = ClassUtils.forName(className, resourceLoader.getClassLoader());
        } catch (ClassNotFoundException | LinkageError e) {
            throw new IllegalStateException("cannot load @CoveyWorkerType class " + className + ": " + e, e);
        }
        // The scan matched the annotation only; a class that carries it but is no worker is a
        // mistake worth failing on, not something to skip.
        if (!CoveyWorker.class.isAssignableFrom(type)) {
            throw new IllegalStateException(type.getName() + " is annotated @CoveyWorkerType but does not extend "
                    + CoveyWorker.class.getName() + "; extend it or remove the annotation");
        }
        return type;
    }
}
