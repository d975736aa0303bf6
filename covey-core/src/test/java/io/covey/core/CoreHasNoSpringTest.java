package io.covey.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

import io.covey.core.boundaries.CompiledClasses;
import io.covey.core.worker.CoveyWorker;

/** covey-core is the vocabulary every side shares, child JVMs included: it must not pull in Spring. */
class CoreHasNoSpringTest {

    @Test
    void springIsNotOnCoresClassPath() {
        assertThatThrownBy(() -> Class.forName("org.springframework.core.SpringVersion"))
                .isInstanceOf(ClassNotFoundException.class);
        assertThatThrownBy(() -> Class.forName("org.springframework.context.ApplicationContext"))
                .isInstanceOf(ClassNotFoundException.class);
    }

    @Test
    void noCompiledCoreClassReferencesSpring() {
        CompiledClasses core = CompiledClasses.besides(CoveyWorker.class);
        assertThat(core.files()).hasSizeGreaterThan(20);
        assertThat(core.mentioning("org/springframework")).isEmpty();
    }
}
