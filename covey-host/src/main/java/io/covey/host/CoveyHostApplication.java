package io.covey.host;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;

/**
 * The Covey host service: the manager with its REST API, event stream and Actuator endpoints.
 * Everything comes from auto-configuration, so there is no component scan: worker types come
 * from {@code covey.worker.scan-packages} and the jars in {@code covey.host.worker-path}.
 */
@SpringBootConfiguration
@EnableAutoConfiguration
public class CoveyHostApplication {
    public static void main(String[] args) {
        SpringApplication.run(CoveyHostApplication.class, args);
    }
}
