package io.covey.core.worker;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Names a worker type explicitly. Without it the type name is the class's simple name; an
 * explicit name keeps declarations stable when classes are renamed, moved or obfuscated.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
public @interface CoveyWorkerType {
    /** The type name used in declarations; empty means the class's simple name. */
    String value() default "";
}
