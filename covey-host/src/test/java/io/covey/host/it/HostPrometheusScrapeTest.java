package io.covey.host.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

import io.covey.core.json.CoveyJson;
import tools.jackson.databind.JsonNode;

/**
 * A real scrape of /actuator/prometheus: it parses (promtool), events.published counts exactly
 * the events published, the attempt meters carry group, type and crash reason, spawn time is a
 * histogram, and every metric the Grafana dashboard (deploy/grafana) queries is in it.
 */
@SpringBootTest(classes = TestHostConfiguration.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"covey.host.worker-defaults.foreign=false", "covey.host.worker-defaults.backoff-initial=10ms",
                "covey.host.worker-defaults.backoff-max=20ms"})
class HostPrometheusScrapeTest {
    private static final Path DASHBOARD = Path.of("..", "deploy", "grafana", "covey-dashboard.json");

    @LocalServerPort
    int port;

    @Test
    void theScrapeParsesCountsEventsExactlyAndCarriesTheTags() throws Exception {
        HttpJson api = new HttpJson(port, null);
        Quiet before = quiet(api);
        assertThat(before.published()).as("a count since start, not a seq (~1.8e15)").isLessThan(1_000_000);

        api.put("/api/v1/groups/metered", "{\"workers\":[{\"type\":\"ServiceWorker\",\"id\":\"svc\",\"params\":{\"name\":\"m\"}},"
                + "{\"type\":\"CrashingWorker\",\"id\":\"crashy\",\"options\":{\"restartLimit\":2}}]}");
        await().until(() -> api.get("/api/v1/workers/crashy").json().get("state").asString().equals("FAILED")
                && api.get("/api/v1/workers/svc").json().get("state").asString().equals("RUNNING"));
        Quiet after = quiet(api);

        assertThat(after.published() - before.published()).isEqualTo(after.lastSeq() - before.lastSeq()).isPositive();
        String scrape = after.scrape();
        Promtool.Verdict verdict = Promtool.checkMetrics(scrape);
        assertThat(verdict.exitCode()).as(verdict.output()).isIn(0, 3); // 3: lint findings, not parse errors
        assertThat(verdict.output().lines().filter(line -> line.startsWith("covey_"))).as("lint of covey's own metrics").isEmpty();

        assertThat(sample(scrape, "covey_worker_starts_total{group=\"metered\",type=\"CrashingWorker\"}")).isEqualTo(2);
        assertThat(sample(scrape, "covey_worker_restarts_total{group=\"metered\",type=\"CrashingWorker\"}")).isEqualTo(1);
        assertThat(sample(scrape, "covey_worker_crashes_total{group=\"metered\",reason=\"exception\",type=\"CrashingWorker\"}")).isEqualTo(2);
        assertThat(sample(scrape, "covey_worker_spawn_seconds_count{group=\"metered\",type=\"ServiceWorker\"}")).isEqualTo(1);
        assertThat(scrape).contains("covey_worker_spawn_seconds_bucket{group=\"metered\",type=\"ServiceWorker\",le=\"+Inf\"} 1");
        assertThat(sample(scrape, "covey_workers{state=\"FAILED\"}")).isEqualTo(1);

        Set<String> present = metricNames(scrape);
        assertThat(dashboardMetrics()).isNotEmpty().allSatisfy(metric -> assertThat(present).as("in the scrape").contains(metric));
        api.delete("/api/v1/groups/metered");
    }

    /** A scrape taken while nothing is published, with the journal's last seq on both sides of it. */
    private record Quiet(long lastSeq, double published, String scrape) {
    }

    private static Quiet quiet(HttpJson api) {
        return await().until(() -> {
            long seq = api.get("/api/v1/events").json().get("lastSeq").asLong();
            String scrape = api.get("/actuator/prometheus").body();
            long seqAfter = api.get("/api/v1/events").json().get("lastSeq").asLong();
            return seq == seqAfter ? new Quiet(seq, sample(scrape, "covey_events_published_total"), scrape) : null;
        }, quiet -> quiet != null);
    }

    private static double sample(String scrape, String series) {
        return scrape.lines().filter(line -> line.startsWith(series + " ")).map(line -> Double.parseDouble(line.substring(series.length() + 1).trim()))
                .findFirst().orElseThrow(() -> new AssertionError(series + " is not in the scrape"));
    }

    private static Set<String> metricNames(String scrape) {
        Set<String> names = new LinkedHashSet<>();
        scrape.lines().filter(line -> !line.startsWith("#") && !line.isBlank())
                .forEach(line -> names.add(line.split("[{ ]", 2)[0]));
        return names;
    }

    /** The metric names in the dashboard's queries: identifiers that are neither functions, keywords nor labels. */
    static List<String> dashboardMetrics() throws Exception {
        JsonNode dashboard = CoveyJson.mapper().readTree(Files.readString(DASHBOARD));
        Pattern identifier = Pattern.compile("[a-zA-Z_:][a-zA-Z0-9_:]*");
        Set<String> keywords = Set.of("by", "without", "on", "ignoring", "group_left", "group_right", "and", "or", "unless", "offset", "bool");
        List<String> metrics = new ArrayList<>();
        for (JsonNode panel : dashboard.get("panels")) {
            for (JsonNode target : panel.get("targets")) {
                String expr = target.get("expr").asString()
                        .replaceAll("\\{[^}]*}", " ")            // label matchers
                        .replaceAll("\\[[^]]*]", " ")            // ranges
                        .replaceAll("(by|without)\\s*\\([^)]*\\)", " "); // grouping labels
                Matcher matcher = identifier.matcher(expr);
                while (matcher.find()) {
                    String name = matcher.group();
                    boolean function = expr.substring(matcher.end()).stripLeading().startsWith("(");
                    if (!function && !keywords.contains(name) && !metrics.contains(name)) {
                        metrics.add(name);
                    }
                }
            }
        }
        return metrics;
    }
}
