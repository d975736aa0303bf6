package io.covey.host;

import java.nio.file.Path;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.core.env.SimpleCommandLinePropertySource;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.io.DefaultResourceLoader;

import io.covey.host.workerpath.WorkerJars;

/**
 * The Covey host service: the manager with its REST API, event stream and Actuator endpoints.
 * Everything comes from auto-configuration, so there is no component scan: worker types come
 * from the indexes of the jars in {@code covey.host.worker-path} (each worker jar lists its own),
 * and from {@code covey.worker.scan-packages}, looked up in the host's class path and those jars.
 */
@SpringBootConfiguration
@EnableAutoConfiguration
public class CoveyHostApplication {
    public static void main(String[] args) {
        SpringApplication application = new SpringApplication(CoveyHostApplication.class);
        String workerPath = earlyProperty("covey.host.worker-path", args);
        if (workerPath != null && !workerPath.isBlank()) {
            // The worker jars must be visible before the context scans for worker types.
            ClassLoader workers = WorkerJars.classLoader(Path.of(workerPath), CoveyHostApplication.class.getClassLoader());
            Thread.currentThread().setContextClassLoader(workers);
            application.setResourceLoader(new DefaultResourceLoader(workers));
        }
        application.run(args);
    }

    /** A property from the command line, the system properties or the environment, before Spring reads them. */
    private static String earlyProperty(String name, String[] args) {
        StandardEnvironment environment = new StandardEnvironment();
        environment.getPropertySources().addFirst(new SimpleCommandLinePropertySource(args));
        return environment.getProperty(name);
    }
}
