package io.covey.cli;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.context.annotation.Bean;

import io.covey.core.manifest.CoveyManifest;
import io.covey.engine.testworkers.ChattyJob;
import io.covey.engine.testworkers.CountdownJob;
import io.covey.engine.testworkers.CrashingWorker;
import io.covey.engine.testworkers.PokeableWorker;
import io.covey.engine.testworkers.ServiceWorker;

/** A host with covey-host's test workers, PokeableWorker among them, so a test can make a worker log on cue. */
@SpringBootConfiguration
@EnableAutoConfiguration
public class CliHostConfiguration {
    @Bean
    CoveyManifest cliTestManifest() {
        return CoveyManifest.of(ServiceWorker.class, CountdownJob.class, CrashingWorker.class, PokeableWorker.class, ChattyJob.class,
                io.covey.engine.testworkers.InputSinkWorker.class);
    }

    /** For trying the CLI by hand: a host on the port given (default 7799), in-process workers. */
    public static void main(String[] args) {
        SpringApplication.run(CliHostConfiguration.class, "--server.port=" + (args.length > 0 ? args[0] : "7799"),
                "--covey.host.worker-defaults.foreign=false", "--spring.main.banner-mode=off");
    }
}
