package io.covey.bench.host;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import io.covey.bench.BenchConfig;
import io.covey.bench.child.Processes;
import io.covey.bench.report.Results;
import io.covey.bench.report.Row;
import io.covey.bench.report.Stats;

/** The WebSocket fan-out: one in-process worker publishes as fast as it can; each subscriber's rate and p99. */
final class Fanout {
    private final BenchConfig config;
    private final Results results;

    Fanout(BenchConfig config, Results results) {
        this.config = config;
        this.results = results;
    }

    /** As fast as the host can: the throughput figure; then paced at a fifth of it: latency when keeping up. */
    void run(HostProcess host) throws Exception {
        List<FanoutSubscriber> flat = measure(host, config.wsEvents(), 0);
        double rate = new Stats(flat.stream().map(FanoutSubscriber::rate).toList()).median();
        int n = flat.size();
        addRows(flat, "WebSocket fan-out, as fast as it can: events/s per subscriber (" + n + " subscribers, "
                + config.wsEvents() + " events)", "WebSocket fan-out, as fast as it can: p99 publish-to-receive", true);
        int paced = Math.max(100, (int) (rate / 5));
        int pacedEvents = Math.max(200, Math.min(config.wsEvents(), paced * 5));
        List<FanoutSubscriber> slow = measure(host, pacedEvents, paced);
        addRows(slow, "WebSocket fan-out, paced at " + paced + "/s: events/s per subscriber",
                "WebSocket fan-out, paced at " + paced + "/s: p99 publish-to-receive", false);
    }

    private List<FanoutSubscriber> measure(HostProcess host, int events, int perSecond) throws Exception {
        List<FanoutSubscriber> subscribers = new ArrayList<>();
        try {
            for (int i = 0; i < config.wsSubscribers(); i++) {
                FanoutSubscriber subscriber = new FanoutSubscriber(events);
                subscriber.connect(host.port(), "fanout");
                subscribers.add(subscriber);
            }
            long start = System.nanoTime();
            double cpuBefore = Processes.cpuMillis(host.pid());
            host.put("/api/v1/groups/fanout", "{\"workers\":[{\"type\":\"PublisherWorker\",\"params\":{\"count\":" + events
                    + ",\"perSecond\":" + perSecond + ",\"run\":\"r" + start + "\"}}]}");
            try {
                CompletableFuture.allOf(subscribers.stream().map(FanoutSubscriber::done).toArray(CompletableFuture[]::new))
                        .get(180, TimeUnit.SECONDS);
            } catch (TimeoutException e) {
                results.note("WebSocket fan-out: not every subscriber received all " + events + " events within 180 s");
            }
            double cpu = Processes.cpuMillis(host.pid()) - cpuBefore;
            long delivered = subscribers.stream().mapToLong(FanoutSubscriber::received).sum();
            results.note(String.format(java.util.Locale.ROOT, "WebSocket fan-out (%s): the host used %.0f ms of CPU for %d"
                    + " delivered messages, %.1f µs each (publishing included)", perSecond == 0 ? "as fast as it can"
                    : "paced at " + perSecond + "/s", cpu, delivered, cpu * 1000 / Math.max(1, delivered)));
            for (FanoutSubscriber s : subscribers) {
                if (s.received() < events || s.closedWith() != null) {
                    results.note("WebSocket subscriber received " + s.received() + " of " + events
                            + (s.closedWith() == null ? "" : "; closed: " + s.closedWith()));
                }
            }
            return subscribers;
        } finally {
            subscribers.forEach(FanoutSubscriber::close);
        }
    }

    private void addRows(List<FanoutSubscriber> subscribers, String rateName, String latencyName, boolean targets) {
        List<Double> rates = subscribers.stream().map(FanoutSubscriber::rate).toList();
        List<Double> p99 = subscribers.stream().map(FanoutSubscriber::p99Millis).toList();
        List<Double> p50 = subscribers.stream().map(FanoutSubscriber::p50Millis).toList();
        results.add(new Row(rateName, "events/s", rates, null, Double.NaN, targets ? "≥ 50,000 each" : null,
                targets ? new Stats(rates).min() >= 50_000 : null,
                "one sample per subscriber: received / (first publication to last receipt)"));
        results.add(new Row(latencyName + " per subscriber", "ms", p99, null, Double.NaN, targets ? "< 50 ms" : null,
                targets ? new Stats(p99).max() < 50 : null, "one sample per subscriber; their medians: " + Results.list(p50)));
    }
}
