package io.covey.host.it;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.context.annotation.Bean;

import io.covey.core.manifest.CoveyManifest;
import io.covey.engine.testworkers.CountdownJob;
import io.covey.engine.testworkers.CrashingWorker;
import io.covey.engine.testworkers.FaultyWorker;
import io.covey.engine.testworkers.ServiceWorker;
import io.covey.engine.testworkers.SilentWorker;
import io.covey.engine.testworkers.StubbornWorker;

/** A host with the test workers declared. */
@SpringBootConfiguration
@EnableAutoConfiguration
public class TestHostConfiguration {
    @Bean
    CoveyManifest testManifest() {
        return CoveyManifest.of(ServiceWorker.class, CountdownJob.class, CrashingWorker.class, FaultyWorker.class,
                SilentWorker.class, StubbornWorker.class, io.covey.engine.testworkers.ChattyJob.class,
                io.covey.engine.testworkers.InputSinkWorker.class);
    }
}
