package io.covey.host.it.browser;

import java.util.ArrayList;
import java.util.List;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;

import io.covey.core.manifest.CoveyManifest;
import io.covey.engine.testworkers.CountdownJob;
import io.covey.engine.testworkers.FaultyWorker;
import io.covey.engine.testworkers.PokeableWorker;
import io.covey.host.it.HttpJson;

/** A real host on a random port, started and closed by the test itself so nothing outlives it. */
final class DashboardHost implements AutoCloseable {
    private final ConfigurableApplicationContext context;
    final int port;
    final HttpJson api;

    private DashboardHost(ConfigurableApplicationContext context, String token) {
        this.context = context;
        this.port = Integer.parseInt(context.getEnvironment().getRequiredProperty("local.server.port"));
        this.api = new HttpJson(port, token);
    }

    static DashboardHost start(String token, String... moreArguments) {
        // Arguments, not default properties: they must win over application.properties (port 7700, COVEY_API_TOKEN).
        List<String> arguments = new ArrayList<>(List.of("--server.port=0", "--server.address=127.0.0.1",
                "--covey.host.worker-defaults.foreign=false", "--covey.host.api-token=" + (token == null ? "" : token),
                "--spring.main.banner-mode=off"));
        arguments.addAll(List.of(moreArguments));
        ConfigurableApplicationContext context = new SpringApplicationBuilder(Workers.class)
                .run(arguments.toArray(String[]::new));
        return new DashboardHost(context, token);
    }

    String url() {
        return "http://127.0.0.1:" + port + "/";
    }

    /** Declares a group of pokeable workers named by their ids, each saying {@code message} when it runs. */
    void runGroup(String group, String message, String... ids) {
        StringBuilder workers = new StringBuilder();
        for (String id : ids) {
            workers.append(workers.isEmpty() ? "" : ",").append("{\"type\":\"PokeableWorker\",\"id\":\"").append(id)
                    .append("\",\"params\":{\"name\":\"").append(id).append("\",\"message\":")
                    .append(io.covey.core.json.CoveyJson.write(message)).append("}}");
        }
        runGroupJson(group, "{\"workers\":[" + workers + "]}");
    }

    void runGroupJson(String group, String body) {
        HttpJson.Response response = api.put("/api/v1/groups/" + group, body);
        if (response.status() != 200) {
            throw new IllegalStateException("runGroup " + group + ": " + response.status() + " " + response.body());
        }
    }

    @Override
    public void close() {
        context.close();
    }

    @SpringBootConfiguration
    @EnableAutoConfiguration
    static class Workers {
        @Bean
        CoveyManifest dashboardManifest() {
            return CoveyManifest.of(PokeableWorker.class, CountdownJob.class, FaultyWorker.class,
                    io.covey.engine.testworkers.ServiceWorker.class);
        }
    }
}
