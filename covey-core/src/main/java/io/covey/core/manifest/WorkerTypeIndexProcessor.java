package io.covey.core.manifest;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import javax.annotation.processing.AbstractProcessor;
import javax.annotation.processing.Filer;
import javax.annotation.processing.ProcessingEnvironment;
import javax.annotation.processing.RoundEnvironment;
import javax.annotation.processing.SupportedAnnotationTypes;
import javax.lang.model.SourceVersion;
import javax.lang.model.element.Element;
import javax.lang.model.element.ElementKind;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.Modifier;
import javax.lang.model.element.NestingKind;
import javax.lang.model.element.TypeElement;
import javax.lang.model.type.TypeMirror;
import javax.lang.model.util.ElementFilter;
import javax.tools.Diagnostic;
import javax.tools.FileObject;
import javax.tools.StandardLocation;

import io.covey.core.spec.CoveyNames;

/**
 * Writes {@value WorkerTypeIndex#RESOURCE} into the classes of every build that depends on
 * covey-core (javac finds the processor on the class path through
 * {@code META-INF/services/javax.annotation.processing.Processor}): the jar then says which worker
 * types it holds, and a host reads that instead of scanning packages.
 * <p>
 * A class the host could not run is a compile error here rather than a surprise at run time: one
 * that does not extend {@code CoveyWorker}, is abstract, not public, an inner (non-static) class,
 * has no public constructor taking its params (or none), or has a type name another class of the
 * build has too, or that is not a valid name.
 * <p>
 * A build that compiles only some sources (an IDE's incremental build) keeps the entries of the
 * previous index whose classes still exist and still carry the annotation.
 */
@SupportedAnnotationTypes(WorkerTypeIndexProcessor.ANNOTATION)
public final class WorkerTypeIndexProcessor extends AbstractProcessor {
    static final String ANNOTATION = "io.covey.core.worker.CoveyWorkerType";
    private static final String WORKER = "io.covey.core.worker.CoveyWorker";

    /** Type name to class name, in the order found. */
    private final Map<String, String> found = new LinkedHashMap<>();
    /** The index an earlier build left in the output, read before this build writes its own. */
    private List<WorkerTypeIndex.Entry> previous = List.of();
    private boolean failed;

    @Override
    public synchronized void init(ProcessingEnvironment environment) {
        super.init(environment);
        previous = previousEntries();
    }

    @Override
    public SourceVersion getSupportedSourceVersion() {
        return SourceVersion.latestSupported();
    }

    @Override
    public boolean process(Set<? extends TypeElement> annotations, RoundEnvironment round) {
        TypeElement annotation = processingEnv.getElementUtils().getTypeElement(ANNOTATION);
        if (annotation != null) {
            for (Element element : round.getElementsAnnotatedWith(annotation)) {
                check(element);
            }
        }
        if (round.processingOver() && !failed && (!found.isEmpty() || !previous.isEmpty())) {
            write();
        }
        return false; // others may look at the annotation too
    }

    private void check(Element element) {
        if (element.getKind() != ElementKind.CLASS) {
            error(element, "@CoveyWorkerType belongs on a class that extends " + WORKER + ", not on a " + kind(element));
            return;
        }
        TypeElement type = (TypeElement) element;
        String className = processingEnv.getElementUtils().getBinaryName(type).toString();
        TypeMirror worker = processingEnv.getElementUtils().getTypeElement(WORKER).asType();
        if (!processingEnv.getTypeUtils().isSubtype(processingEnv.getTypeUtils().erasure(type.asType()),
                processingEnv.getTypeUtils().erasure(worker))) {
            error(type, className + " is annotated @CoveyWorkerType but does not extend " + WORKER);
            return;
        }
        String problem = runnable(type);
        if (problem != null) {
            error(type, "worker type " + className + " " + problem);
            return;
        }
        String name = typeName(type);
        if (!CoveyNames.isValid(name)) {
            error(type, "worker type name '" + CoveyNames.printable(name) + "' of " + className
                    + " is not valid: use letters, digits, '.', '_' and '-', at most 128");
            return;
        }
        String other = found.putIfAbsent(name, className);
        if (other != null && !other.equals(className)) {
            error(type, "worker type name '" + name + "' is declared twice: by " + other + " and by " + className
                    + "; give one of them another name with @CoveyWorkerType");
        }
    }

    /** Why the host could not build an instance, or null when it can. */
    private static String runnable(TypeElement type) {
        Set<Modifier> modifiers = type.getModifiers();
        if (modifiers.contains(Modifier.ABSTRACT)) {
            return "is abstract";
        }
        if (!modifiers.contains(Modifier.PUBLIC)) {
            return "must be public";
        }
        if (type.getNestingKind() == NestingKind.MEMBER && !modifiers.contains(Modifier.STATIC)) {
            return "is an inner class; make it static";
        }
        if (type.getNestingKind() == NestingKind.LOCAL || type.getNestingKind() == NestingKind.ANONYMOUS) {
            return "must be a top-level or static nested class";
        }
        for (ExecutableElement constructor : ElementFilter.constructorsIn(type.getEnclosedElements())) {
            if (constructor.getModifiers().contains(Modifier.PUBLIC) && constructor.getParameters().size() <= 1) {
                return null;
            }
        }
        return "needs a public constructor taking its params (or a public no-argument constructor)";
    }

    /** As {@code WorkerTypeNames.of}: the annotation's value, or the class's simple name. */
    private String typeName(TypeElement type) {
        return type.getAnnotationMirrors().stream()
                .filter(mirror -> ((TypeElement) mirror.getAnnotationType().asElement()).getQualifiedName().contentEquals(ANNOTATION))
                .flatMap(mirror -> mirror.getElementValues().entrySet().stream())
                .filter(entry -> entry.getKey().getSimpleName().contentEquals("value"))
                .map(entry -> String.valueOf(entry.getValue().getValue()))
                .filter(value -> !value.isBlank())
                .findFirst()
                .orElse(type.getSimpleName().toString());
    }

    private void write() {
        List<WorkerTypeIndex.Entry> entries = new ArrayList<>();
        for (WorkerTypeIndex.Entry earlier : previous) {
            if (!found.containsKey(earlier.typeName()) && !found.containsValue(earlier.className())
                    && stillAnnotated(earlier.className())) {
                entries.add(earlier);
            }
        }
        found.forEach((name, className) -> entries.add(new WorkerTypeIndex.Entry(name, className)));
        entries.sort(java.util.Comparator.comparing(WorkerTypeIndex.Entry::typeName));
        Filer filer = processingEnv.getFiler();
        try {
            FileObject file = filer.createResource(StandardLocation.CLASS_OUTPUT, "", WorkerTypeIndex.RESOURCE);
            try (Writer out = new OutputStreamWriter(file.openOutputStream(), StandardCharsets.UTF_8)) {
                out.write(WorkerTypeIndex.write(entries));
            }
        } catch (IOException e) {
            processingEnv.getMessager().printMessage(Diagnostic.Kind.ERROR,
                    "cannot write " + WorkerTypeIndex.RESOURCE + ": " + e.getMessage());
        }
    }

    private List<WorkerTypeIndex.Entry> previousEntries() {
        try {
            FileObject previous = processingEnv.getFiler().getResource(StandardLocation.CLASS_OUTPUT, "", WorkerTypeIndex.RESOURCE);
            try (InputStream in = previous.openInputStream()) {
                return WorkerTypeIndex.read(in);
            }
        } catch (IOException | IllegalArgumentException e) {
            return List.of(); // none yet, or unreadable: this build writes a new one
        }
    }

    private boolean stillAnnotated(String className) {
        TypeElement type = processingEnv.getElementUtils().getTypeElement(className.replace('$', '.'));
        return type != null && type.getAnnotationMirrors().stream()
                .anyMatch(mirror -> ((TypeElement) mirror.getAnnotationType().asElement()).getQualifiedName().contentEquals(ANNOTATION));
    }

    private void error(Element element, String message) {
        failed = true;
        processingEnv.getMessager().printMessage(Diagnostic.Kind.ERROR, message, element);
    }

    private static String kind(Element element) {
        return element.getKind().name().toLowerCase(java.util.Locale.ROOT).replace('_', ' ');
    }
}
