package io.covey.host.it;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.context.annotation.Bean;

import io.covey.core.manifest.CoveyManifest;
import io.covey.engine.foreign.workers.FloodWorker;
import io.covey.engine.testworkers.ChattyJob;
import io.covey.engine.testworkers.NastyTextWorker;
import io.covey.engine.testworkers.ServiceWorker;

/** A host with the workers that misbehave on purpose: hostile text, floods, refusals to stop. */
@SpringBootConfiguration
@EnableAutoConfiguration
public class HostileHostConfiguration {
    @Bean
    CoveyManifest hostileManifest() {
        return CoveyManifest.of(NastyTextWorker.class, ServiceWorker.class, ChattyJob.class, FloodWorker.class,
                io.covey.engine.testworkers.SleepyWorker.class, io.covey.engine.testworkers.LeakingWorker.class,
                io.covey.engine.foreign.workers.StubbornWorker.class);
    }
}
