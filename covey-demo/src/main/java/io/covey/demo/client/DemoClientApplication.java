package io.covey.demo.client;

import java.util.Map;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;

/**
 * The demo client: declares the demo group on a Covey host and prints what its workers do, live,
 * until stopped (Ctrl-C). Run it with {@code covey.client.base-url} pointing at the host.
 */
@SpringBootApplication(excludeName = "io.covey.worker.autoconfigure.CoveyWorkerAutoConfiguration")
@EnableConfigurationProperties(DemoProperties.class)
public class DemoClientApplication {
    public static void main(String[] args) {
        SpringApplication application = new SpringApplication(DemoClientApplication.class);
        application.setWebApplicationType(WebApplicationType.NONE);
        // Defaults in code, not in application.properties: this module's class path also serves the
        // host in the tests, and a properties file here would configure that host too.
        application.setDefaultProperties(Map.of(
                "spring.main.banner-mode", "off",
                "covey.client.base-url", "http://127.0.0.1:7700",
                "logging.level.root", "WARN"));
        application.run(args);
    }
}
