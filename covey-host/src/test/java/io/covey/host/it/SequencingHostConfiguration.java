package io.covey.host.it;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.context.annotation.Bean;

import io.covey.core.manifest.CoveyManifest;
import io.covey.engine.testworkers.CountdownJob;
import io.covey.engine.testworkers.CrashingWorker;
import io.covey.engine.testworkers.GatedWorker;
import io.covey.engine.testworkers.HealthProbeWorker;
import io.covey.engine.testworkers.ServiceWorker;

/** A host for the sequencing and health tests (its own manifest, so other tests' lists of declared types stay as they are). */
@SpringBootConfiguration
@EnableAutoConfiguration
public class SequencingHostConfiguration {
    @Bean
    CoveyManifest sequencingManifest() {
        return CoveyManifest.of(ServiceWorker.class, CountdownJob.class, CrashingWorker.class, GatedWorker.class,
                HealthProbeWorker.class);
    }
}
