package io.covey.host.it;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.context.annotation.Bean;

import io.covey.core.manifest.CoveyManifest;
import io.covey.engine.testworkers.ServiceWorker;

/** A host in a JVM of its own, for tests that signal or kill it. */
@SpringBootConfiguration
@EnableAutoConfiguration
public class SigtermHostMain {
    @Bean
    CoveyManifest testManifest() {
        return CoveyManifest.of(ServiceWorker.class, io.covey.engine.foreign.workers.StubbornWorker.class);
    }

    public static void main(String[] args) {
        SpringApplication.run(SigtermHostMain.class, args);
    }
}
